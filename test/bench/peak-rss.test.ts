/**
 * The bench's measuring children report their own peak memory (scripts/peak-rss.ts), not the RSS
 * of the process that spawned them: on Linux, getrusage's ru_maxrss carries the parent's RSS at
 * the fork across exec, so a bench that has just generated a 438 MB model would see every child
 * as at least that big.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('peak RSS of a measuring child', () => {
  it("is the child's own, however much its parent holds", () => {
    const held = Buffer.alloc(400e6, 1); // resident in this process while the child runs
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./scripts/peak-rss.ts').then((m) => console.log(m.peakRssKiB()))"], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const own = Number(r.stdout.trim().split('\n').pop());
    expect(held[held.length - 1]).toBe(1);
    // A bare node process with tsx loaded (ru_maxrss says 400 MB or more here).
    expect(own * 1024).toBeLessThan(200e6);
    expect(own).toBeGreaterThan(10_000);
  });
});
