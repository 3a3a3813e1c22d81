/**
 * Every TFLite rule on odd inputs (nothing known, unknown shapes, zero sizes, ranks and attributes
 * that make no sense): it never crashes (an invalid node may be refused as a user error), and a
 * cost is either null or whole, finite and >= 0.
 */
import { describe, expect, it } from 'vitest';
import { registeredOps } from '../../../src/ops/registry.js';
import { UserError } from '../../../src/errors.js';
import type { Info } from '../../../src/graph/info.js';
import { runOp, t, type AttrValue } from '../../helpers/op.js';

const TFLITE = registeredOps().filter((k) => k.startsWith('tflite'));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ATTRS = [
  'padding',
  'stride_h',
  'stride_w',
  'stride_d',
  'dilation_h_factor',
  'dilation_w_factor',
  'depth_multiplier',
  'filter_height',
  'filter_width',
  'keep_num_dims',
  'keep_dims',
  'axis',
  'num_splits',
  'rank',
  'time_major',
  'merge_outputs',
  'adj_x',
  'adj_y',
  'block_size',
  'shrink_axis_mask',
  'begin_mask',
  'end_mask',
  'batch_dims',
  'radius',
  'fused_activation_function',
  'kernel_type',
  'max_detections',
  'new_shape',
  'squeeze_dims',
  'values_count',
  'num',
];

describe('TFLite rules on hostile inputs', () => {
  it('registers the TFLite builtins and custom ops', () => {
    expect(TFLITE.length).toBeGreaterThan(100);
  });

  it('never throw and give whole, non-negative costs', () => {
    const rand = rng(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const problems: string[] = [];
    for (const key of TFLITE) {
      const domain = key.slice(0, key.indexOf(':'));
      const opType = key.slice(key.indexOf(':') + 1);
      for (let trial = 0; trial < 50; trial++) {
        const n = Math.floor(rand() * 6);
        const inputs: (Info | undefined)[] = [];
        for (let i = 0; i < n + (trial % 5 === 0 ? 20 : 0); i++) {
          const kind = rand();
          if (kind < 0.15) inputs.push(undefined);
          else if (kind < 0.25) inputs.push(t('float32', null));
          else {
            const rank = Math.floor(rand() * 6);
            const shape = Array.from({ length: rank }, () => pick([0, 1, 2, 3, 7, null, 'N'] as const));
            const known = shape.every((d) => typeof d === 'number') ? shape.reduce<number>((a, b) => a * (b as number), 1) : -1;
            const value = known >= 0 && known <= 8 && rand() < 0.5 ? Array.from({ length: known }, () => pick([-2, -1, 0, 1, 2, 3, 5])) : undefined;
            inputs.push(t(pick(['float32', 'int8', 'int32', 'bool'] as const), shape, value));
          }
        }
        const attrs: Record<string, AttrValue> = {};
        for (const a of ATTRS) {
          if (rand() < 0.3) continue;
          attrs[a] = pick<AttrValue>([-1, 0, 1, 2, 3, 'SAME', 'VALID', 'RELU6', 'BASIC', 'BOGUS', [1, -1], []]);
        }
        const omit = inputs.flatMap((v, i) => (v === undefined && rand() < 0.5 ? [i] : []));
        try {
          const r = runOp(opType, { domain, inputs, attrs, omit, outputs: 1 + Math.floor(rand() * 4) });
          for (const w of r.warnings) if (/threw|failed/i.test(w)) problems.push(`${key}: ${w}`);
          const c = r.cost;
          if (c) {
            for (const v of [c.macs, c.flops, c.coreMacs]) {
              if (!Number.isInteger(v) || v < 0) problems.push(`${key}: cost ${JSON.stringify(c)} from ${JSON.stringify(inputs)} ${JSON.stringify(attrs)}`);
            }
          }
        } catch (e) {
          // An invalid model refused with the node named (a user error, exit 2) is fine.
          if (e instanceof UserError) continue;
          problems.push(`${key}: threw ${(e as Error).message}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
