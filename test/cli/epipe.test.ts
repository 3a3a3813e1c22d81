/**
 * A reader that goes away (`model-budget analyze ... | head`) ends the bundle's output quietly:
 * exit 0 and nothing on stderr, where it used to die on an unhandled EPIPE with a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const SWIN = join(__dirname, '..', 'fixtures', 'models', 'swin_t.onnx');

describe('a closed pipe', () => {
  it.each([
    // Several MB of JSON: far more than a pipe holds, so the writer meets the closed end.
    ['analyze --format json', `analyze ${SWIN} --allow-missing-weights --format json`],
    ['analyze (text, every layer)', `analyze ${SWIN} --allow-missing-weights --top 100000`],
  ])('%s | head -n 1: exit 0, no stack trace', (_, args) => {
    const r = spawnSync('bash', ['-c', `node ${CLI} ${args} | head -n 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
      cwd: join(__dirname, '..', '..'),
    });
    expect(r.stdout.trim()).toBe('status=0');
    expect(r.stderr).toBe('');
  });
});
