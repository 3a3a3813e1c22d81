/**
 * Names as the decoder gives them: ASCII ones read directly, anything else as UTF-8 (a leading BOM
 * dropped, invalid bytes replaced) exactly as TextDecoder does; a value's name read once for its
 * producer and its consumers; nodes without attributes share one empty map.
 */
import { describe, expect, it } from 'vitest';
import { encodeModel } from '../helpers/encode.js';
import { decodeModel } from '../../src/formats/onnx/decode.js';

/** A one-node model whose node name is replaced by `nameBytes` (the encoder writes strings as UTF-8 only). */
function withNodeName(nameBytes: Uint8Array): Uint8Array {
  const marker = 'NODENAME_MARKER_0123456789';
  const bytes = encodeModel({
    graph: {
      nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: marker }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [2] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
    },
  });
  // The marker and its replacement have the same length: every length prefix stays valid.
  const m = new TextEncoder().encode(marker);
  expect(nameBytes.length).toBe(m.length);
  const at = Buffer.from(bytes).indexOf(Buffer.from(m));
  const out = Uint8Array.from(bytes);
  out.set(nameBytes, at);
  return out;
}

function padded(prefix: number[], length = 26): Uint8Array {
  const b = new Uint8Array(length).fill(0x61); // 'a'
  b.set(prefix);
  return b;
}

describe('decoded names', () => {
  it.each([
    ['ASCII', padded([0x6e, 0x30])],
    ['UTF-8 (é, ü)', padded([0x63, 0x61, 0x66, 0xc3, 0xa9, 0xc3, 0xbc])],
    ['a leading BOM', padded([0xef, 0xbb, 0xbf, 0x6e])],
    ['invalid UTF-8', padded([0x6e, 0xff, 0xc3, 0x28, 0xe2, 0x82])],
    ['DEL and C0 controls', padded([0x7f, 0x01, 0x1b])],
  ])('%s: as TextDecoder gives it', (_, name) => {
    const model = decodeModel(withNodeName(name));
    expect(model.graph.nodes[0].name).toBe(new TextDecoder('utf-8').decode(name));
  });

  it('a value name read by several nodes, and operator types, decode the same for each (interned once)', () => {
    const model = decodeModel(
      encodeModel({
        graph: {
          nodes: [
            { op: 'Relu', inputs: ['x'], outputs: ['h'] },
            { op: 'Relu', inputs: ['h'], outputs: ['a'] },
            { op: 'Add', inputs: ['h', 'a'], outputs: ['y'], attrs: {} },
          ],
          inputs: [{ name: 'x', dtype: 'float32', shape: [2] }],
          outputs: [{ name: 'y', dtype: 'float32' }],
        },
      }),
    );
    const [n0, n1, n2] = model.graph.nodes;
    expect([n1.inputs[0], n2.inputs[0]]).toEqual(['h', 'h']);
    expect([n0.outputs, n1.inputs, n2.inputs, n2.outputs]).toEqual([['h'], ['h'], ['h', 'a'], ['y']]);
    expect(n0.opType).toBe('Relu');
    expect(n1.opType).toBe(n0.opType);
    expect(n0.attrs.size).toBe(0);
  });
});
