/**
 * Attribute sets shared by the decoder (src/formats/onnx/decode.ts attrSets): nodes whose run of
 * attribute fields has the same bytes get one map, frozen; anything else (other values, tensors,
 * graphs, attributes split around other fields) gets a map of its own with exactly its attributes.
 * The models are written field by field here, so the byte layouts the writer never makes are covered.
 */
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../src/formats/onnx/decode.js';
import type { Attr } from '../../src/graph/model.js';
import { DecodeError } from '../../src/errors.js';
import { inferModel } from '../../src/analysis/infer.js';

const enc = new TextEncoder();

function varint(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}
const tag = (field: number, wire: number) => varint((field << 3) | wire);
const len = (field: number, body: number[]) => [...tag(field, 2), ...varint(body.length), ...body];
const str = (field: number, s: string) => len(field, [...enc.encode(s)]);
const int = (field: number, v: number) => [...tag(field, 0), ...varint(v)];

// AttributeProto: name 1, i 3, ints 8, t 5, g 6, type 20 (INT 2, INTS 7, TENSOR 4, GRAPH 5).
const intAttr = (name: string, v: number) => len(5, [...str(1, name), ...int(3, v), ...int(20, 2)]);
const intsAttr = (name: string, vs: number[]) => len(5, [...str(1, name), ...vs.flatMap((v) => int(8, v)), ...int(20, 7)]);
// TensorProto: dims 1, data_type 2 (INT64 7), int64_data 7.
const tensorAttr = (name: string, v: number) => len(5, [...str(1, name), ...len(5, [...int(1, 1), ...int(2, 7), ...int(7, v)]), ...int(20, 4)]);
const graphAttr = (name: string, body: number[]) => len(5, [...str(1, name), ...len(6, body), ...int(20, 5)]);

/** A NodeProto from its fields, in the order given. */
const node = (...fields: number[][]) => len(1, fields.flat());
/** A ValueInfoProto (graph input, field 11) of element type `elem` and the given dims. */
const io = (name: string, elem = 1, dims: number[] = []) =>
  len(11, [
    ...str(1, name),
    ...len(
      2,
      len(1, [
        ...int(1, elem),
        ...len(
          2,
          dims.flatMap((d) => len(1, int(1, d))),
        ),
      ]),
    ),
  ]);

/** A ModelProto (IR 8, opset 17) around the graph's fields. */
function model(...graphFields: number[][]): Uint8Array {
  return Uint8Array.from([...int(1, 8), ...len(8, int(2, 17)), ...len(7, [...str(2, 'g'), ...graphFields.flat()])]);
}

const gather = (out: string, axis: number) => node(str(1, 'x'), str(1, 'i'), str(2, out), str(4, 'Gather'), intAttr('axis', axis));
const values = (attrs: Map<string, Attr>) => Object.fromEntries([...attrs].map(([k, a]) => [k, 'value' in a ? a.value : a]));

describe('attribute sets', () => {
  it('nodes with the same attribute bytes share one frozen map; other values get their own', () => {
    const m = decodeModel(
      model(
        gather('a', 0),
        gather('b', 0),
        gather('c', 1),
        gather('d', 0),
        node(str(1, 'x'), str(2, 't1'), str(4, 'Transpose'), intsAttr('perm', [1, 0])),
        node(str(1, 'x'), str(2, 't2'), str(4, 'Transpose'), intsAttr('perm', [1, 0])),
        node(str(1, 'x'), str(2, 't3'), str(4, 'Transpose'), intsAttr('perm', [0, 1])),
      ),
    );
    const [a, b, c, d, t1, t2, t3] = m.graph.nodes.map((n) => n.attrs);
    expect(b).toBe(a);
    expect(d).toBe(a);
    expect(c).not.toBe(a);
    expect(t2).toBe(t1);
    expect(t3).not.toBe(t1);
    expect([a, c, t1, t3].map(values)).toEqual([{ axis: 0 }, { axis: 1 }, { perm: [1, 0] }, { perm: [0, 1] }]);
    // Shared values cannot be changed through one node behind the others' backs.
    const perm = t1.get('perm')!;
    expect(Object.isFrozen(perm)).toBe(true);
    expect(() => (perm as { value: number[] }).value.push(2)).toThrow(TypeError);
    expect(values(t2)).toEqual({ perm: [1, 0] });
  });

  it('attributes split around other fields: each node has exactly its own, the shared set untouched', () => {
    const m = decodeModel(
      model(
        node(str(1, 'x'), str(2, 'a'), str(4, 'Op'), intAttr('axis', 0)),
        // The same first attribute, then a name, then one more attribute.
        node(str(1, 'x'), str(2, 'b'), str(4, 'Op'), intAttr('axis', 0), str(3, 'named'), intAttr('keepdims', 1)),
        // Attribute, name, the same attribute again (the last one wins, as in any map).
        node(str(1, 'x'), str(2, 'c'), intAttr('axis', 0), str(4, 'Op'), intAttr('axis', 2)),
        node(str(1, 'x'), str(2, 'd'), str(4, 'Op'), intAttr('axis', 0)),
      ),
    );
    const [a, b, c, d] = m.graph.nodes;
    expect(values(a.attrs)).toEqual({ axis: 0 });
    expect(values(b.attrs)).toEqual({ axis: 0, keepdims: 1 });
    expect(b.name).toBe('named');
    expect(values(c.attrs)).toEqual({ axis: 2 });
    expect(b.attrs).not.toBe(a.attrs);
    expect(c.attrs).not.toBe(a.attrs);
    expect(d.attrs).toBe(a.attrs);
    expect(values(d.attrs)).toEqual({ axis: 0 });
  });

  it('a split node met first is not taken for the set its first run spells', () => {
    const m = decodeModel(
      model(
        node(str(1, 'x'), str(2, 'b'), str(4, 'Op'), intAttr('axis', 0), str(3, 'named'), intAttr('keepdims', 1)),
        node(str(1, 'x'), str(2, 'a'), str(4, 'Op'), intAttr('axis', 0)),
        node(str(1, 'x'), str(2, 'c'), str(4, 'Op'), intAttr('axis', 0)),
      ),
    );
    const [b, a, c] = m.graph.nodes;
    expect(values(b.attrs)).toEqual({ axis: 0, keepdims: 1 });
    expect(values(a.attrs)).toEqual({ axis: 0 });
    expect(c.attrs).toBe(a.attrs);
  });

  it('tensor and graph attributes are never shared, however alike', () => {
    const branch = [...node(str(1, 'x'), str(2, 'o'), str(4, 'Identity')), ...str(2, 'b'), ...io('o')];
    const m = decodeModel(
      model(
        node(str(2, 'k1'), str(4, 'Constant'), tensorAttr('value', 7)),
        node(str(2, 'k2'), str(4, 'Constant'), tensorAttr('value', 7)),
        node(str(1, 'c'), str(2, 'i1'), str(4, 'If'), graphAttr('then_branch', branch), graphAttr('else_branch', branch)),
        node(str(1, 'c'), str(2, 'i2'), str(4, 'If'), graphAttr('then_branch', branch), graphAttr('else_branch', branch)),
      ),
    );
    const [k1, k2, i1, i2] = m.graph.nodes;
    expect(k2.attrs).not.toBe(k1.attrs);
    expect(k2.attrs.get('value')).not.toBe(k1.attrs.get('value'));
    expect(i2.attrs).not.toBe(i1.attrs);
    expect(i2.attrs.get('then_branch')).not.toBe(i1.attrs.get('then_branch'));
    expect(Object.isFrozen(k1.attrs.get('value'))).toBe(false);
  });

  it('a sub-graph node between an outer node and its attributes does not disturb either', () => {
    // The If's branch holds a Gather with the same attribute bytes as the outer Gathers.
    const branch = [...gather('o', 0), ...str(2, 'b'), ...io('o')];
    const m = decodeModel(
      model(gather('a', 0), node(str(1, 'c'), str(2, 'i1'), str(4, 'If'), graphAttr('then_branch', branch), intAttr('n', 3)), gather('b', 0)),
    );
    const [a, iff, b] = m.graph.nodes;
    expect([...iff.attrs.keys()]).toEqual(['then_branch', 'n']);
    const inner = (iff.attrs.get('then_branch') as { value: { nodes: { attrs: Map<string, Attr> }[] } }).value.nodes[0];
    expect(inner.attrs).toBe(a.attrs);
    expect(b.attrs).toBe(a.attrs);
  });

  it('nothing is shared across decodes', () => {
    const bytes = model(gather('a', 0));
    expect(decodeModel(bytes).graph.nodes[0].attrs).not.toBe(decodeModel(bytes).graph.nodes[0].attrs);
  });

  it('a bad attribute length is reported where it is, as before', () => {
    // The attribute claims 100 bytes: it runs past the node.
    const bad = model(gather('a', 0), len(1, [...str(1, 'x'), ...str(2, 'b'), ...str(4, 'Gather'), 0x2a, 100, ...str(1, 'axis')]));
    expect(() => decodeModel(bad)).toThrow(DecodeError);
    expect(() => decodeModel(bad)).toThrow(/runs past the end/);
  });

  it('shapes and costs are the same whether attribute maps are shared or not', () => {
    const bytes = model(io('x', 1, [4, 4]), io('i', 7, [3]), gather('a', 0), gather('c', 1), gather('d', 0), len(12, str(1, 'd')));
    const shared = decodeModel(bytes);
    const own = decodeModel(bytes);
    for (const n of own.graph.nodes) n.attrs = new Map(n.attrs);
    expect(shared.graph.nodes[2].attrs).toBe(shared.graph.nodes[0].attrs);
    const run = (m: typeof own) => inferModel(m).nodes.map((n) => [n.outputs.map((o) => o.info), n.cost]);
    expect(run(shared)).toEqual(run(own));
    expect(run(shared)[1][0]).toEqual([{ kind: 'tensor', dtype: 'float32', shape: [4, 3] }]);
  });
});
