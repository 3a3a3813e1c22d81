/**
 * TFLite-shaped models through the analysis (src/io/analyze-file.ts analyzeLoadedModel, the same
 * path a .tflite file takes after the reader): operators with no rule warn with an estimate,
 * derived shapes are checked against the file's, a dynamic batch is re-derived from --dims,
 * control-flow subgraphs are costed, and the detection post-processing custom op is estimated.
 */
import { describe, expect, it } from 'vitest';
import { analyzeLoadedModel } from '../../../src/io/analyze-file.js';
import type { Model } from '../../../src/graph/model.js';
import { customOp, infer, op, tfliteGraph, tfliteModel, totals } from '../../helpers/tflite-graph.js';

const report = (model: Model, dims?: Record<string, number>) => analyzeLoadedModel({ path: 'm.tflite', bytes: 1000, model, notices: [] }, { dims }).report;

describe('operators without a rule', () => {
  it("a custom op warns and is counted as one FLOP per element of the file's output shape", () => {
    const model = tfliteModel({
      inputs: [['x', 'float32', [1, 16]]],
      nodes: [customOp('MyFancyOp', ['x'], ['y']), op('RELU', ['y'], ['z'])],
      tensors: [['y', 'float32', [1, 32]]],
      outputs: [['z', 'float32', [1, 32]]],
    });
    const r = report(model);
    expect(r.warnings).toContainEqual({ node: 'y', message: "TFLite custom op 'MyFancyOp': no cost rule; counted as an element-wise op over its output" });
    // 32 for the estimate, 32 for the RELU over the file's shape
    expect(r.totals.flops).toBe(32 + 32);
    expect(r.totals.incompleteNodes).toBe(0);
  });

  it('a builtin without a rule says so too', () => {
    const model = tfliteModel({
      inputs: [['x', 'float32', [4, 4]]],
      nodes: [op('LSH_PROJECTION', ['x'], ['y'])],
      outputs: [['y', 'float32', [4, 4, 4]]],
    });
    const r = report(model);
    expect(r.warnings).toContainEqual({
      node: 'y',
      message: "TFLite builtin op 'LSH_PROJECTION': no cost rule; counted as an element-wise op over its output",
    });
    expect(r.totals.flops).toBe(64);
  });
});

describe("derived shapes against the file's", () => {
  it('a disagreement warns with the node and both shapes; the file wins downstream', () => {
    const model = tfliteModel({
      inputs: [['x', 'float32', [1, 8, 8, 3]]],
      consts: [['w', 'float32', [4, 3, 3, 3]]],
      nodes: [op('CONV_2D', ['x', 'w'], ['y'], { padding: 'VALID', stride_h: 1, stride_w: 1 }), op('RELU', ['y'], ['z'])],
      // VALID gives 6x6; the file says 8x8
      tensors: [['y', 'float32', [1, 8, 8, 4]]],
      outputs: [['z', 'float32', [1, 8, 8, 4]]],
    });
    const r = report(model);
    expect(r.warnings).toContainEqual({
      node: 'y',
      message: "TFLite 'CONV_2D' output 'y': derived shape [1, 6, 6, 4] differs from the declared [1, 8, 8, 4]; the file's shape is used",
    });
    // The conv is costed by what it derives (6x6); its consumer sees the file's 8x8.
    expect(r.totals.flops).toBe(2 * 6 * 6 * 4 * 27 + 8 * 8 * 4);
  });

  it('agreeing shapes: no warning', () => {
    const model = tfliteModel({
      inputs: [['x', 'float32', [1, 8, 8, 3]]],
      consts: [['w', 'float32', [4, 3, 3, 3]]],
      nodes: [op('CONV_2D', ['x', 'w'], ['y'], { padding: 'SAME', stride_h: 2, stride_w: 2 })],
      outputs: [['y', 'float32', [1, 4, 4, 4]]],
    });
    expect(report(model).warnings).toEqual([]);
  });
});

describe('a dynamic batch (shape_signature -1)', () => {
  const model = tfliteModel({
    inputs: [['x', 'float32', [null, 4, 4, 2]]],
    consts: [
      ['w', 'float32', [8, 3, 3, 2]],
      ['fc', 'float32', [10, 128]],
      ['shape', 'int32', [2], [-1, 128]],
    ],
    nodes: [
      op('CONV_2D', ['x', 'w'], ['y'], { padding: 'SAME', stride_h: 1, stride_w: 1 }),
      op('RESHAPE', ['y', 'shape'], ['r']),
      op('FULLY_CONNECTED', ['r', 'fc'], ['z']),
    ],
    tensors: [
      ['y', 'float32', [null, 4, 4, 8]],
      ['r', 'float32', [null, 128]],
    ],
    outputs: [['z', 'float32', [null, 10]]],
  });

  it('re-derives every shape and cost from --dims', () => {
    const one = report(model);
    const eight = report(model, { 'x[0]': 8 });
    const perItem = 4 * 4 * 8 * 2 * 9 + 128 * 10;
    expect(one.totals.coreMacs).toBe(perItem);
    expect(eight.totals.coreMacs).toBe(8 * perItem);
    expect(eight.warnings).toEqual([]);
  });
});

describe('control flow', () => {
  it('IF passes its inputs 1.. to the branch taken; unknown condition: the dearer branch', () => {
    const cheap = tfliteGraph({ name: 'then', inputs: [['a', 'float32', [10]]], nodes: [op('RELU', ['a'], ['b'])], outputs: [['b', 'float32', [10]]] });
    const dear = tfliteGraph({ name: 'else', inputs: [['c', 'float32', [10]]], nodes: [op('LOGISTIC', ['c'], ['d'])], outputs: [['d', 'float32', [10]]] });
    const mk = (cond: number | null) =>
      tfliteModel({
        inputs:
          cond === null
            ? [
                ['cond', 'bool', []],
                ['x', 'float32', [10]],
              ]
            : [['x', 'float32', [10]]],
        consts: cond === null ? [] : [['cond', 'bool', [], [cond]]],
        nodes: [op('IF', ['cond', 'x'], ['y'], { then_subgraph: { type: 'graph', value: cheap }, else_subgraph: { type: 'graph', value: dear } })],
        outputs: [['y', 'float32', [10]]],
      });
    expect(totals(infer(mk(1))).flops).toBe(10);
    expect(totals(infer(mk(0))).flops).toBe(40);
    const unknown = infer(mk(null));
    expect(totals(unknown).flops).toBe(40);
    expect(unknown.warnings.map((w) => w.message)).toContain('condition not known statically: costed as the dearer branch');
  });

  /** while (i < limit) { i += 1; v = tanh(v) } with i from 0. */
  function whileModel(limit: number | null) {
    const cond = tfliteGraph({
      name: 'cond',
      inputs: [
        ['i', 'int32', []],
        ['v', 'float32', [6]],
      ],
      consts: limit === null ? [] : [['lim', 'int32', [], [limit]]],
      nodes: [op('LESS', ['i', 'lim'], ['c'])],
      outputs: [['c', 'bool', []]],
    });
    const body = tfliteGraph({
      name: 'body',
      inputs: [
        ['i2', 'int32', []],
        ['v2', 'float32', [6]],
      ],
      consts: [['one', 'int32', [], [1]]],
      nodes: [op('ADD', ['i2', 'one'], ['i3']), op('TANH', ['v2'], ['v3'])],
      outputs: [
        ['i3', 'int32', []],
        ['v3', 'float32', [6]],
      ],
    });
    const init = tfliteGraph({ name: 'init', inputs: [], consts: [['k', 'float32', [5]]], nodes: [op('EXP', ['k'], ['e'])], outputs: [] });
    return tfliteModel({
      inputs:
        limit === null
          ? [
              ['v0', 'float32', [6]],
              ['lim', 'int32', []],
            ]
          : [['v0', 'float32', [6]]],
      consts: [['i0', 'int32', [], [0]]],
      nodes: [
        op('CALL_ONCE', [], [], { init_subgraph: { type: 'graph', value: init } }),
        op('WHILE', ['i0', 'v0'], ['iN', 'vN'], { cond_subgraph: { type: 'graph', value: cond }, body_subgraph: { type: 'graph', value: body } }),
      ],
      outputs: [
        ['iN', 'int32', []],
        ['vN', 'float32', [6]],
      ],
    });
  }

  it('WHILE over a known counter runs every iteration; CALL_ONCE costs its init subgraph', () => {
    const r = infer(whileModel(3));
    expect(r.nodes[0].cost?.flops).toBe(5);
    // cond 4 times (i = 0..3: 1 comparison), body 3 times (1 add + 6 tanh)
    expect(r.nodes[1].cost).toEqual({ macs: 0, flops: 4 * 1 + 3 * (1 + 6), coreMacs: 0, timing: { steps: 3 } });
    expect(r.nodes[1].opClass).toBe('recurrent');
    expect(r.outputs[0].info).toMatchObject({ shape: [], value: [3] });
    expect(r.warnings).toEqual([]);
  });

  it('WHILE with a condition not known statically: one iteration, partial, with a notice', () => {
    const r = infer(whileModel(null));
    expect(r.nodes[1].cost).toMatchObject({ flops: 1 + 1 + 6, partial: true });
    expect(r.outputs[1].info).toMatchObject({ shape: [6] });
    expect(r.warnings.map((w) => w.message)).toContain('WHILE trip count not known statically: cost of one iteration shown');
  });
});

describe('TFLite_Detection_PostProcess', () => {
  it('an estimate from the anchors, classes and the detections the file declares', () => {
    const [a, c, d] = [1917, 91, 10];
    const model = tfliteModel({
      inputs: [
        ['boxes', 'float32', [1, a, 4]],
        ['scores', 'float32', [1, a, c]],
      ],
      consts: [['anchors', 'float32', [a, 4]]],
      nodes: [customOp('TFLite_Detection_PostProcess', ['boxes', 'scores', 'anchors'], ['det_boxes', 'det_classes', 'det_scores', 'num'])],
      outputs: [
        ['det_boxes', 'float32', [1, d, 4]],
        ['det_classes', 'float32', [1, d]],
        ['det_scores', 'float32', [1, d]],
        ['num', 'float32', [1]],
      ],
    });
    const r = infer(model);
    // 20 per anchor to decode, 1 per class score, 19 per IoU of every anchor against every kept
    // detection (10: the attribute is not given)
    expect(r.nodes[0].cost).toEqual({ macs: 0, flops: 20 * a + a * c + 19 * a * d, coreMacs: 0 });
    expect(r.nodes[0].supported).toBe(true);
    expect(r.warnings.some((w) => w.message.startsWith("TFLite custom op 'TFLite_Detection_PostProcess': cost estimated"))).toBe(true);
    expect(r.outputs[0].info).toMatchObject({ shape: [1, d, 4] });
  });

  it('max_detections, when the reader gives it, sets D', () => {
    const model = tfliteModel({
      inputs: [
        ['boxes', 'float32', [1, 100, 4]],
        ['scores', 'float32', [1, 100, 3]],
      ],
      consts: [['anchors', 'float32', [100, 4]]],
      nodes: [
        {
          ...customOp('TFLite_Detection_PostProcess', ['boxes', 'scores', 'anchors'], ['b', 'c', 's', 'n']),
          attrs: new Map([['max_detections', { type: 'int', value: 25 }]]),
        },
      ],
      outputs: [
        ['b', 'float32', [1, 25, 4]],
        ['c', 'float32', [1, 25]],
        ['s', 'float32', [1, 25]],
        ['n', 'float32', [1]],
      ],
    });
    const r = infer(model);
    expect(r.nodes[0].cost?.flops).toBe(20 * 100 + 300 + 19 * 100 * 25);
    expect(r.warnings.filter((w) => w.message.includes('differs'))).toEqual([]);
  });
});
