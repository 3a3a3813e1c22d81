/**
 * The node limit: a model with more nodes than `--max-nodes` (default 500,000) is refused while
 * it is decoded, before its memory is spent, with one line and exit 2; every graph counts
 * (sub-graphs and function bodies too); a raised limit analyses it.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeModel, type NodeSpec } from '../helpers/encode.js';
import { runCli } from '../helpers/cli.js';
import { DEFAULT_MAX_NODES, TooManyNodesError, decodeModel } from '../../src/formats/onnx/decode.js';

function chain(n: number): Uint8Array {
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) nodes.push({ op: 'Relu', inputs: [i === 0 ? 'x' : `t${i - 1}`], outputs: [i === n - 1 ? 'y' : `t${i}`], name: `n${i}` });
  return encodeModel({ graph: { nodes, inputs: [{ name: 'x', dtype: 'float32', shape: [1, 64] }], outputs: [{ name: 'y', dtype: 'float32' }] } });
}

/** An If whose two branches hold `n` Relus each: 1 + 2n nodes in all. */
function branches(n: number): Uint8Array {
  const body = (tag: string) => {
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < n; i++) nodes.push({ op: 'Relu', inputs: [i === 0 ? 'x' : `${tag}${i - 1}`], outputs: [i === n - 1 ? `${tag}out` : `${tag}${i}`] });
    return { nodes, inputs: [], outputs: [{ name: `${tag}out`, dtype: 'float32' as const }] };
  };
  return encodeModel({
    graph: {
      nodes: [{ op: 'If', inputs: ['c'], outputs: ['y'], attrs: { then_branch: { graph: body('a') }, else_branch: { graph: body('b') } } }],
      inputs: [
        { name: 'c', dtype: 'bool', shape: [] },
        { name: 'x', dtype: 'float32', shape: [1, 8] },
      ],
      outputs: [{ name: 'y', dtype: 'float32' }],
    },
  });
}

const dir = mkdtempSync(join(tmpdir(), 'mb-nodes-'));
mkdirSync(join(dir, '.git'));

describe('the node limit', () => {
  it('is 500,000 by default and counts every graph: 1 + 2 x 10 nodes pass a limit of 21, not of 20', () => {
    expect(DEFAULT_MAX_NODES).toBe(500_000);
    const bytes = branches(10);
    expect(decodeModel(bytes, { maxNodes: 21 }).graph.nodes).toHaveLength(1);
    expect(() => decodeModel(bytes, { maxNodes: 20 })).toThrow(TooManyNodesError);
  });

  it('analyze --max-nodes: over the limit, exit 2 with one line naming the file; at the limit, analysed', () => {
    const p = join(dir, 'chain.onnx');
    writeFileSync(p, chain(50));
    const refused = runCli('analyze', '--allow-outside-repo', p, '--max-nodes', '49');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `model-budget: ${p}: has more than 49 nodes: refused (a limit that keeps a crafted file from exhausting the job; raise it with --max-nodes)\n`,
    );
    const ok = runCli('analyze', '--allow-outside-repo', p, '--max-nodes', '50', '--format', 'json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as { models: { nodes: unknown[] }[] }).models[0].nodes).toHaveLength(50);
  });

  it('check --max-nodes refuses the same way; a bad value is a usage error', () => {
    writeFileSync(join(dir, 'm.onnx'), chain(30));
    writeFileSync(join(dir, 'budgets.yml'), 'version: 1\nmodels:\n  - path: m.onnx\n    budgets:\n      params: 1M\n');
    const refused = runCli('check', '--budgets', join(dir, 'budgets.yml'), '--max-nodes', '29');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^model-budget: m\.onnx: has more than 29 nodes: refused/);
    expect(runCli('check', '--budgets', join(dir, 'budgets.yml'), '--max-nodes', '30').code).toBe(0);
    for (const bad of ['0', '-5', '1.5', 'many']) {
      const r = runCli('check', '--budgets', join(dir, 'budgets.yml'), `--max-nodes=${bad}`);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^model-budget: --max-nodes must be a whole number from 1, got /);
    }
  });
});
