/** The parsers of measurements a user brings: CSV, ONNX Runtime profile, TensorRT profile. */
import { describe, expect, it } from 'vitest';
import { parseMeasurementsCsv, parseProfile, profileMeasurements } from '../../src/calibrate/measurements.js';
import { UserError } from '../../src/errors.js';
import type { NodeEntry } from '../../src/report/model-report.js';

const err = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error('no error');
};

describe('parseMeasurementsCsv', () => {
  it('reads rows under a header in any column order, with quoted dims, comments and blank lines', () => {
    const text = '# from a Jetson\nms,model,dims\n\n1.5,a.onnx,"batch=1 sequence=128"\n0.25,"sub/b,c.onnx",\r\n';
    expect(parseMeasurementsCsv(text, 'm.csv')).toEqual([
      { model: 'a.onnx', dims: { batch: 1, sequence: 128 }, ms: 1.5, line: 4 },
      { model: 'sub/b,c.onnx', dims: {}, ms: 0.25, line: 5 },
    ]);
  });

  it('names the file and line of each problem', () => {
    expect(err(() => parseMeasurementsCsv('a.onnx,,1\n', 'm.csv'))).toMatch(/^m\.csv:1:1: expected a header line naming the columns model,dims,ms/);
    expect(err(() => parseMeasurementsCsv('model,dims,ms\na.onnx,,1\nb.onnx,,fast\n', 'm.csv'))).toBe(
      "m.csv:3:1: ms must be a number of milliseconds above zero, got 'fast'",
    );
    expect(err(() => parseMeasurementsCsv('model,dims,ms\na.onnx,,0\n', 'm.csv'))).toMatch(/^m\.csv:2:1: ms must be/);
    expect(err(() => parseMeasurementsCsv('model,dims,ms\na.onnx,batch=one,1\n', 'm.csv'))).toBe("m.csv:2:1: dims: 'batch=one' is not name=whole number");
    expect(err(() => parseMeasurementsCsv('model,dims,ms\na.onnx,1\n', 'm.csv'))).toBe('m.csv:2:1: expected 3 fields (model,dims,ms), got 2');
    expect(err(() => parseMeasurementsCsv('model,dims,ms\n"a.onnx,,1\n', 'm.csv'))).toBe('m.csv:2:1: an unterminated quoted field');
    expect(err(() => parseMeasurementsCsv('model,dims,ms\n', 'm.csv'))).toBe('m.csv: has a header but no measurements');
    expect(err(() => parseMeasurementsCsv('', 'm.csv'))).toMatch(/^m\.csv: is empty/);
  });
});

function node(name: string, opType = 'MatMul'): NodeEntry {
  return { name, opType, inputs: [], outputs: [], params: 0, macs: 0, flops: 1e6, bytesRead: 1e3, bytesWritten: 1e3, intensity: 500 };
}

describe('parseProfile', () => {
  it('an ONNX Runtime profile: the median kernel time per node over the profiled runs', () => {
    const events = [
      { cat: 'Session', name: 'model_run', dur: 900 },
      ...[120, 100, 110].map((dur) => ({ cat: 'Node', name: 'mm_kernel_time', dur, args: { op_name: 'MatMul' } })),
      { cat: 'Node', name: 'mm_fence_before', dur: 0 },
      { cat: 'Node', name: 'fused conv_kernel_time', dur: 40, args: { op_name: 'FusedConv' } },
    ];
    const p = parseProfile(JSON.stringify(events), 'p.json');
    expect(p).toEqual({
      kind: 'onnxruntime',
      kernels: [
        { name: 'mm', nodes: ['mm'], ms: 0.11 },
        { name: 'fused conv', nodes: ['conv'], ms: 0.04 },
      ],
    });
    // { traceEvents: [...] } is the same trace.
    expect(parseProfile(JSON.stringify({ traceEvents: events }), 'p.json')).toEqual(p);
  });

  it('a trtexec --exportProfile JSON: per layer average, fused node names split on " + "', () => {
    const layers = [
      { count: 10 },
      { name: 'conv1 + relu1', timeMs: 5, averageMs: 0.5, percentage: 50 },
      { name: 'PWN(add1)', timeMs: 1, averageMs: 0.1, percentage: 10 },
      { name: 'Reformatting CopyNode for Input Tensor 0 to conv1', timeMs: 0.2, averageMs: 0.02, percentage: 2 },
    ];
    expect(parseProfile(JSON.stringify(layers), 't.json')).toEqual({
      kind: 'tensorrt',
      kernels: [
        { name: 'conv1 + relu1', nodes: ['conv1', 'relu1'], ms: 0.5 },
        { name: 'PWN(add1)', nodes: ['add1'], ms: 0.1 },
        { name: 'Reformatting CopyNode for Input Tensor 0 to conv1', nodes: ['Reformatting CopyNode for Input Tensor 0 to conv1'], ms: 0.02 },
      ],
    });
  });

  it('matches kernels to nodes by name; a fused layer is one measurement of all its nodes; the rest are listed', () => {
    const nodes = [node('conv1', 'Conv'), node('relu1', 'Relu'), node('add1', 'Add')];
    const p = parseProfile(
      JSON.stringify([
        { count: 10 },
        { name: 'conv1 + relu1', averageMs: 0.5 },
        { name: 'PWN(add1)', averageMs: 0.1 },
        { name: 'Reformatting CopyNode', averageMs: 0.02 },
      ]),
      't.json',
    );
    const r = profileMeasurements(p, nodes, 't.json');
    expect(r.unmatched).toEqual(['Reformatting CopyNode']);
    expect(r.measurements.map((m) => [m.id, m.nodes.map((n) => n.name), m.ms])).toEqual([
      ['conv1', ['conv1', 'relu1'], 0.5],
      ['add1', ['add1'], 0.1],
    ]);
  });

  it('refuses what is not a profile, naming the file (and the line of a JSON syntax error)', () => {
    expect(err(() => parseProfile('[\n{"cat": "Node",,}\n]', 'p.json'))).toMatch(/^p\.json:2:\d+: is not JSON/);
    expect(err(() => parseProfile('{"a": 1}', 'p.json'))).toMatch(/^p\.json: expected an ONNX Runtime profile/);
    expect(err(() => parseProfile('[{"cat": "Session", "name": "x"}]', 'p.json'))).toMatch(/^p\.json: has no node events/);
    expect(err(() => parseProfile('[{"cat": "Node", "name": "a_kernel_time", "dur": "slow"}]', 'p.json'))).toMatch(
      /^p\.json: event 0 \('a_kernel_time'\): 'dur'/,
    );
    expect(err(() => parseProfile('[{"count": 3}, {"name": "l", "averageMs": -1}]', 't.json'))).toMatch(/^t\.json: layer 'l': 'averageMs'/);
  });
});
