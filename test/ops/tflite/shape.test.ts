/** TFLite data movement: shapes from constant operands, values tracked through shape arithmetic, 0 FLOPs. */
import { describe, expect, it } from 'vitest';
import { outShape, runOp, t } from '../../helpers/op.js';

const TFL = 'tflite';
const run = (op: string, inputs: Parameters<typeof runOp>[1]['inputs'], attrs: Parameters<typeof runOp>[1]['attrs'] = {}, outputs = 1) =>
  runOp(op, { domain: TFL, inputs, attrs, outputs });
const i32 = (values: number[]) => t('int32', [values.length], values);

describe('reshaping', () => {
  it('RESHAPE from the shape tensor (with -1), else new_shape', () => {
    const r = run('RESHAPE', [t('float32', [1, 7, 7, 32]), i32([1, -1])]);
    expect(outShape(r)).toEqual([1, 1568]);
    expect(r.cost).toEqual({ macs: 0, flops: 0, coreMacs: 0 });
    expect(r.opClass).toBe('view');
    const attr = runOp('RESHAPE', { domain: TFL, inputs: [t('float32', [2, 6])], attrs: { new_shape: [3, 4] } });
    expect(outShape(attr)).toEqual([3, 4]);
  });

  it('RESHAPE keeps a symbolic batch: [N, 4, 4] -> [N, 16]', () => {
    expect(outShape(run('RESHAPE', [t('float32', ['N', 4, 4]), t('int32', [2], ['N', 16])]))).toEqual(['N', 16]);
  });

  it('SQUEEZE (squeeze_dims or every 1), EXPAND_DIMS', () => {
    expect(outShape(run('SQUEEZE', [t('float32', [1, 1, 1, 1001])], { squeeze_dims: [1, 2] }))).toEqual([1, 1001]);
    expect(outShape(run('SQUEEZE', [t('float32', [1, 1, 1, 1001])], { squeeze_dims: [] }))).toEqual([1001]);
    expect(outShape(run('EXPAND_DIMS', [t('float32', [3, 4]), t('int32', [], [-1])]))).toEqual([3, 4, 1]);
  });

  it('TRANSPOSE by its perm tensor; unknown perm: unknown dims of the same rank', () => {
    expect(outShape(run('TRANSPOSE', [t('float32', [1, 2, 3, 4]), i32([0, 3, 1, 2])]))).toEqual([1, 4, 2, 3]);
    expect(outShape(run('TRANSPOSE', [t('float32', [1, 2, 3]), t('int32', [3])]))).toEqual([null, null, null]);
  });
});

describe('joining and splitting', () => {
  it('CONCATENATION on axis 3 with a fused activation', () => {
    const r = run('CONCATENATION', [t('float32', [1, 4, 4, 8]), t('float32', [1, 4, 4, 24])], { axis: 3, fused_activation_function: 'RELU' });
    expect(outShape(r)).toEqual([1, 4, 4, 32]);
    expect(r.cost?.flops).toBe(1 * 4 * 4 * 32);
  });

  it('SPLIT (axis tensor first), SPLIT_V (sizes with -1)', () => {
    const s = run('SPLIT', [t('int32', [], [1]), t('float32', [2, 12])], { num_splits: 3 }, 3);
    expect([outShape(s, 0), outShape(s, 2)]).toEqual([
      [2, 4],
      [2, 4],
    ]);
    const v = run('SPLIT_V', [t('float32', [10, 2]), i32([3, -1]), t('int32', [], [0])], { num_splits: 2 }, 2);
    expect([outShape(v, 0), outShape(v, 1)]).toEqual([
      [3, 2],
      [7, 2],
    ]);
  });

  it('PACK and UNPACK', () => {
    expect(outShape(run('PACK', [t('float32', [3, 4]), t('float32', [3, 4])], { values_count: 2, axis: 1 }))).toEqual([3, 2, 4]);
    const u = run('UNPACK', [t('float32', [3, 2, 4])], { num: 2, axis: 1 }, 2);
    expect(outShape(u, 1)).toEqual([3, 4]);
  });

  it('SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE follows a dynamic batch', () => {
    const shape = run('SHAPE', [t('float32', ['N', 7, 7, 8])], { out_type: 'INT32' });
    expect(shape.outputs[0]).toMatchObject({ dtype: 'int32', shape: [4], value: ['N', 7, 7, 8] });
    const batch = run('STRIDED_SLICE', [shape.outputs[0] as ReturnType<typeof t>, i32([0]), i32([1]), i32([1])], { shrink_axis_mask: 1 });
    expect(batch.outputs[0]).toMatchObject({ shape: [], value: ['N'] });
    const packed = run('PACK', [batch.outputs[0] as ReturnType<typeof t>, t('int32', [], [-1])], { values_count: 2, axis: 0 });
    expect(packed.outputs[0]).toMatchObject({ shape: [2], value: ['N', -1] });
    const out = run('RESHAPE', [t('float32', ['N', 7, 7, 8]), packed.outputs[0] as ReturnType<typeof t>]);
    expect(outShape(out)).toEqual(['N', 392]);
  });

  it('SLICE (size -1 to the end) and STRIDED_SLICE with masks and strides', () => {
    expect(outShape(run('SLICE', [t('float32', [4, 10]), i32([1, 2]), i32([2, -1])]))).toEqual([2, 8]);
    // begin_mask on axis 0, end_mask on axis 1, stride 2 on axis 1: [:, 1::2]
    const s = run('STRIDED_SLICE', [t('float32', [5, 9]), i32([3, 1]), i32([4, 0]), i32([1, 2])], { begin_mask: 1, end_mask: 2 });
    expect(outShape(s)).toEqual([4, 4]);
  });
});

describe('padding, space and depth', () => {
  it('PAD / PADV2 / MIRROR_PAD add the paddings', () => {
    const p = t('int32', [4, 2], [0, 0, 1, 1, 2, 1, 0, 0]);
    for (const name of ['PAD', 'PADV2', 'MIRROR_PAD']) expect(outShape(run(name, [t('float32', [1, 8, 8, 3]), p])), name).toEqual([1, 10, 11, 3]);
  });

  it('SPACE_TO_DEPTH / DEPTH_TO_SPACE (NHWC)', () => {
    expect(outShape(run('SPACE_TO_DEPTH', [t('float32', [1, 8, 8, 3])], { block_size: 2 }))).toEqual([1, 4, 4, 12]);
    expect(outShape(run('DEPTH_TO_SPACE', [t('float32', [1, 4, 4, 12])], { block_size: 2 }))).toEqual([1, 8, 8, 3]);
  });

  it('SPACE_TO_BATCH_ND / BATCH_TO_SPACE_ND', () => {
    const s2b = run('SPACE_TO_BATCH_ND', [t('float32', [1, 6, 6, 4]), i32([2, 2]), t('int32', [2, 2], [1, 1, 1, 1])]);
    expect(outShape(s2b)).toEqual([4, 4, 4, 4]);
    const b2s = run('BATCH_TO_SPACE_ND', [t('float32', [4, 4, 4, 4]), i32([2, 2]), t('int32', [2, 2], [1, 1, 1, 1])]);
    expect(outShape(b2s)).toEqual([1, 6, 6, 4]);
  });
});

describe('gathering, tiling, filling', () => {
  it('GATHER (axis, batch_dims), GATHER_ND, EMBEDDING_LOOKUP', () => {
    expect(outShape(run('GATHER', [t('float32', [10, 5]), t('int32', [3])], { axis: 0, batch_dims: 0 }))).toEqual([3, 5]);
    expect(outShape(run('GATHER', [t('float32', [2, 10, 5]), t('int32', [2, 3])], { axis: 1, batch_dims: 1 }))).toEqual([2, 3, 5]);
    expect(outShape(run('GATHER_ND', [t('float32', [4, 5, 6]), t('int32', [3, 2])]))).toEqual([3, 6]);
    expect(outShape(run('EMBEDDING_LOOKUP', [t('int32', [7]), t('float32', [100, 16])]))).toEqual([7, 16]);
  });

  it('TILE, BROADCAST_TO, FILL, REVERSE_V2, DENSIFY', () => {
    expect(outShape(run('TILE', [t('float32', [2, 3]), i32([2, 2])]))).toEqual([4, 6]);
    expect(outShape(run('BROADCAST_TO', [t('float32', [1, 3]), i32([4, 3])]))).toEqual([4, 3]);
    expect(run('FILL', [i32([2, 5]), t('float32', [], [0])]).outputs[0]).toMatchObject({ dtype: 'float32', shape: [2, 5] });
    expect(outShape(run('REVERSE_V2', [t('float32', [2, 5]), i32([1])]))).toEqual([2, 5]);
    expect(outShape(run('DENSIFY', [t('float32', [8, 8])]))).toEqual([8, 8]);
  });
});

describe('resizing', () => {
  it('RESIZE_BILINEAR: 9 FLOPs per output element when H and W change; class resample', () => {
    const r = run('RESIZE_BILINEAR', [t('float32', [1, 10, 10, 3]), i32([20, 20])], { align_corners: 0, half_pixel_centers: 1 });
    expect(outShape(r)).toEqual([1, 20, 20, 3]);
    expect(r.cost?.flops).toBe(9 * 20 * 20 * 3);
    expect(r.opClass).toBe('resample');
  });

  it('RESIZE_NEAREST_NEIGHBOR: a copy', () => {
    const r = run('RESIZE_NEAREST_NEIGHBOR', [t('float32', [1, 10, 10, 3]), i32([30, 20])]);
    expect(outShape(r)).toEqual([1, 30, 20, 3]);
    expect(r.cost?.flops).toBe(0);
  });
});
