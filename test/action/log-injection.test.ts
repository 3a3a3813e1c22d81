/**
 * The action's log with hostile input: a model file whose name carries a workflow command, OSC 8
 * and CSI escapes, CR and a bidi override, broken budgets that annotate it, and a GitHub API that
 * answers a new comment with an id that is not a number. The bundled action (dist/index.js) is
 * run as a runner runs it; the only workflow commands in its log are the ones it means to issue.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as core from '@actions/core';
import { encodeModel } from '../helpers/encode.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { runBundledAction, type ActionRun } from './run-action.js';
import { validCommentId } from '../../src/action/main.js';

const FILE_NAME = `m\n::error title=pwned::file\n\x1b[2J\x1b]8;;evil\x07\r\u202E.onnx`;
const BAD_ID = '12\n::error title=pwned::id\x1b[2J';

function model(): Uint8Array {
  return encodeModel({
    producer: 'evil\n::error title=pwned::producer',
    graph: {
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'], name: 'fc\n::error title=pwned::node' }],
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 8] }],
      outputs: [{ name: 'y', dtype: 'float32' }],
      initializers: [{ name: 'w', dtype: 'float32', dims: [8, 4], raw: new Uint8Array(8 * 4 * 4) }],
    },
  });
}

let fake: FakeGitHub;
let T: string;

beforeAll(async () => {
  T = mkdtempSync(join(tmpdir(), 'mb-action-log-'));
  fake = await startFakeGitHub();
});

afterAll(async () => {
  await fake?.close();
});

async function runAction(): Promise<ActionRun> {
  const ws = join(T, 'ws');
  mkdirSync(ws);
  writeFileSync(join(ws, FILE_NAME), model());
  writeFileSync(
    join(ws, 'budgets.yml'),
    'version: 1\nmodels:\n  - path: "*.onnx"\n    budgets:\n      params: 10\n      gmacs: { max: 0.0000000001, level: warn }\n',
  );
  const event = { pull_request: { number: 3, base: { sha: 'a'.repeat(40) }, head: { sha: 'b'.repeat(40) } } };
  return runBundledAction({ dir: join(T, 'runner'), ws, event, apiUrl: fake.url, env: { INPUT_BASELINE: 'none' } });
}

describe("the action's log with hostile names and a hostile API", () => {
  it('issues only its own workflow commands, with no control characters', async () => {
    fake.commentIdOverride = BAD_ID;
    const r = await runAction();
    expect(r.code).toBe(1);
    const commands = r.stdout.split('\n').filter((l) => l.trimStart().startsWith('::'));
    // The broken budget (error), the warn-level one, the invalid comment id, the failed step: nothing else.
    expect(commands.map((l) => /^::(\w+)/.exec(l)![1]).sort()).toEqual(['error', 'error', 'warning', 'warning']);
    expect(commands.filter((l) => /pwned/.test(l) && !/%0A/.test(l) && !/\uFFFD::error/.test(l))).toEqual([]);
    // Annotations on the budgets file; the model's name in the message is one line (params: 8 x 4 = 32).
    expect(
      commands.some((l) =>
        /^::error title=model-budget,file=budgets\.yml,line=5,col=\d+::params of m\uFFFD::error title=pwned::file.*\.onnx is 32, over its budget of 10$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(commands).toContain('::warning::the GitHub API answered without a valid comment id; the comment-id output is left empty');
    // eslint-disable-next-line no-control-regex -- the output must carry no control characters: the pattern matches them on purpose
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    // The comment was posted; its id is not trusted.
    expect(fake.comments.get(3)).toHaveLength(1);
    expect(r.outputs['comment-id']).toBe(''); // written, and empty
    expect(Object.values(r.outputs).join('\n')).not.toContain('pwned::id');
  });

  it('validCommentId takes a positive safe integer (or its digits) and nothing else', () => {
    expect(validCommentId(12)).toBe(12);
    expect(validCommentId('12')).toBe(12);
    for (const bad of [BAD_ID, '12 ', '-1', 0, -5, 1.5, Number.NaN, Infinity, 2 ** 53, '0x10', '', null, undefined, {}, [12]])
      expect(validCommentId(bad)).toBeNull();
  });

  it('@actions/core escapes CR and LF in annotation messages and properties itself', () => {
    let written = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += String(chunk);
      return true;
    });
    try {
      core.error('a\n::error title=pwned::x\rb', { file: 'f\n::warning::y,z:w', title: 't' });
      core.warning('c\r\n::error::d');
    } finally {
      spy.mockRestore();
    }
    const lines = written.split('\n').filter(Boolean);
    expect(lines).toEqual(['::error title=t,file=f%0A%3A%3Awarning%3A%3Ay%2Cz%3Aw::a%0A::error title=pwned::x%0Db', '::warning::c%0D%0A::error::d']);
  });
});
