/**
 * This process's peak resident set size in KiB, for the bench and scale scripts' measuring children.
 *
 * On Linux, from `/proc/self/status` VmHWM: the high-water mark of this process's own memory.
 * Not `process.resourceUsage().maxRSS` (getrusage's ru_maxrss): Linux carries the RSS a process
 * had when it forked into the child's figure across exec, so a measuring child spawned by a
 * parent holding 500 MB reports at least 500 MB however little it uses (a 40 MB child read
 * 492 MB). Elsewhere, ru_maxrss (nothing better is portable).
 */
import { readFileSync } from 'node:fs';

export function peakRssKiB(): number {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
