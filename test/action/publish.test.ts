/**
 * The artifact reader of `mode: publish` on archives the end-to-end test does not build: a zip
 * whose headers lie about an entry's size, the report twice, and the workflow_run payload.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES, readArtifactZip, readWorkflowRun } from '../../src/action/publish.js';

/** Set every header's uncompressed size (local and central) of a one-entry zip to `size`. */
function lieAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
    else if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
  }
  return out;
}

describe('readArtifactZip', () => {
  it('reads the one report entry, and ignores the Markdown report without inflating it', () => {
    const zip = zipSync({ 'model-budget-report.json': strToU8('{"a":1}'), 'model-budget-report.md': strToU8('# planted') });
    expect(readArtifactZip(zip, 'artifact')).toBe('{"a":1}');
  });

  it('an entry that inflates past its declared size is cut at that size, so memory stays bounded', () => {
    // 9 MB of spaces declared as 1,000 bytes: at most 1,000 bytes come out (and they are not the report).
    const zip = lieAboutSize(zipSync({ 'model-budget-report.json': new Uint8Array(MAX_ENTRY_BYTES + 1024 * 1024).fill(32) }), 1000);
    // (Cut text is then no valid JSON, and refused as such by the report reader.)
    expect(readArtifactZip(zip, 'artifact')).toHaveLength(1000);
  });

  it('a declared size over the limit is refused before anything is inflated', () => {
    const zip = lieAboutSize(zipSync({ 'model-budget-report.json': strToU8('{}') }), MAX_ENTRY_BYTES + 1);
    expect(() => readArtifactZip(zip, 'artifact')).toThrow(/over the 8388608-byte limit: refused/);
  });

  it('refuses the report twice, a report in a folder, and an archive with no report', () => {
    // Two entries of one name: zip two names, then rename the second in its local and central headers.
    const twice = zipSync({ 'model-budget-report.json': strToU8('{}'), 'model-budget-report.jsoN': strToU8('{}') });
    const tail = strToU8('.jsoN');
    for (let i = 0; i + tail.length <= twice.length; i++) {
      if (tail.every((b, k) => twice[i + k] === b)) twice[i + 4] = 'n'.charCodeAt(0);
    }
    expect(() => readArtifactZip(twice, 'artifact')).toThrow(/holds model-budget-report\.json more than once: refused/);
    const nested = zipSync({ 'model-budget-report.json': strToU8('{}'), 'x/model-budget-report.json': strToU8('{}') });
    expect(() => readArtifactZip(nested, 'artifact')).toThrow(/unexpected entry 'x\/model-budget-report\.json'/);
    expect(() => readArtifactZip(zipSync({ 'model-budget-report.md': strToU8('# hi') }), 'artifact')).toThrow(/holds no model-budget-report\.json/);
    expect(() => readArtifactZip(zipSync({}), 'artifact')).toThrow(/holds no model-budget-report\.json/);
  });
});

describe('readWorkflowRun', () => {
  const sha = 'a'.repeat(40);
  it('takes the run id, head and the first PR; an empty pull_requests (a fork) leaves the number to look up', () => {
    const base = { id: 12, head_sha: sha, head_branch: 'b', head_repository: { owner: { login: 'forker' } } };
    expect(readWorkflowRun('workflow_run', { workflow_run: { ...base, pull_requests: [{ number: 5 }] } })).toEqual({
      id: 12,
      headSha: sha,
      headBranch: 'b',
      headOwner: 'forker',
      prNumber: 5,
    });
    expect(readWorkflowRun('workflow_run', { workflow_run: { ...base, pull_requests: [] } }).prNumber).toBeNull();
  });

  it('refuses another event, a missing run and a head that is not a commit', () => {
    expect(() => readWorkflowRun('pull_request_target', {})).toThrow(/triggered by workflow_run, not 'pull_request_target'/);
    expect(() => readWorkflowRun('workflow_run', {})).toThrow(/no "workflow_run"/);
    expect(() => readWorkflowRun('workflow_run', { workflow_run: { id: 1, head_sha: 'main; rm -rf /' } })).toThrow(/head_sha is not a commit/);
  });
});
