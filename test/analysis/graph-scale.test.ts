/**
 * What inference keeps at graph scale: node records read their names and values through the
 * graph node and one array of infos, and a tensor of a known shape and a small known value (the
 * shape sub-graphs of an export) is one info object however many nodes compute it.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import { inferModel } from '../../src/analysis/infer.js';
import { encodeModel } from '../helpers/encode.js';
import { chainsModel } from '../../scripts/bench-models.js';

describe('node records', () => {
  it('give each node its names, op and the infos of its inputs and outputs', () => {
    const model = decodeModel(chainsModel(81));
    const r = inferModel(model);
    expect(r.nodes).toHaveLength(model.graph.nodes.length);
    r.nodes.forEach((n, i) => {
      const g = model.graph.nodes[i];
      expect([n.name, n.opType, n.domain]).toEqual([g.name, g.opType, g.domain]);
      expect(n.inputs.map((v) => v.name)).toEqual(g.inputs);
      expect(n.outputs.map((v) => v.name)).toEqual(g.outputs);
    });
    // A value read by a node is the info its producer wrote.
    const produced = new Map(r.nodes.flatMap((n) => n.outputs.map((o) => [o.name, o.info] as const)));
    for (const n of r.nodes) for (const v of n.inputs) if (produced.has(v.name)) expect(v.info).toBe(produced.get(v.name));
  });
});

describe('shared infos', () => {
  it('the shape sub-graphs of 10 chains compute their small values into a handful of info objects', () => {
    const model = decodeModel(chainsModel(801)); // 10 chains of 10 blocks, then a Sum
    const r = inferModel(model);
    const shapes = r.nodes.filter((n) => n.opType === 'Shape').map((n) => n.outputs[0].info);
    expect(shapes).toHaveLength(100);
    expect(shapes[0]).toMatchObject({ kind: 'tensor', dtype: 'int64', shape: [2] });
    expect(shapes[0]?.kind === 'tensor' && shapes[0].value?.every((d) => typeof d === 'number')).toBe(true);
    expect(new Set(shapes).size).toBe(1);
    const withValues = new Set(r.nodes.flatMap((n) => n.outputs.map((o) => o.info)).filter((i) => i?.kind === 'tensor' && i.value));
    expect(withValues.size).toBeLessThan(10);
  });

  it('keeps values apart that differ only in sign of zero, or in a symbol', () => {
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'Constant', inputs: [], outputs: ['a'], attrs: { value: { tensor: { name: 'a', dtype: 'float32', dims: [1], values: [0] } } } },
            { op: 'Constant', inputs: [], outputs: ['b'], attrs: { value: { tensor: { name: 'b', dtype: 'float32', dims: [1], values: [-0] } } } },
            { op: 'Shape', inputs: ['x'], outputs: ['s1'] },
            { op: 'Shape', inputs: ['x'], outputs: ['s2'] },
          ],
          inputs: [{ name: 'x', dtype: 'float32', shape: ['n', 3] }],
          outputs: [
            { name: 'a', dtype: 'float32' },
            { name: 'b', dtype: 'float32' },
            { name: 's1', dtype: 'int64' },
            { name: 's2', dtype: 'int64' },
          ],
        },
      }),
    );
    const r = inferModel(model, { defaultDim: null });
    const [a, b, s1, s2] = r.nodes.map((n) => n.outputs[0].info);
    expect(a).not.toBe(b);
    expect(b?.kind === 'tensor' && Object.is(b.value?.[0], -0)).toBe(true);
    expect(s1).toEqual(s2);
    expect(s1?.kind === 'tensor' && s1.value).toEqual(['n', 3]);
  });
});
