/**
 * Reading a saved JSON report (`analyze --format json` output) with errors that name the file.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { SCHEMA_VERSION, type AnalyzeReport } from '../report/model-report.js';
import { validateReport } from '../report/validate.js';

export function readReportFile(path: string): AnalyzeReport {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, `is not JSON (${(e as Error).message})`);
  }
  // A check report (`check --format json`) carries the analysis under "head".
  const outer = data as { head?: unknown; schemaVersion?: unknown };
  const r = (outer && typeof outer === 'object' && outer.head && typeof outer.head === 'object' ? outer.head : data) as Partial<AnalyzeReport>;
  if (!r || typeof r !== 'object' || !Array.isArray(r.models)) {
    throw new InputError(path, 'is not a model-budget report (no "models" array): write one with `model-budget analyze --format json`');
  }
  if (r.schemaVersion !== SCHEMA_VERSION) {
    throw new InputError(path, `has report schemaVersion ${String(r.schemaVersion)}; this version reads ${SCHEMA_VERSION}`);
  }
  for (const [i, m] of r.models.entries()) {
    if (!m || typeof m.path !== 'string' || !m.totals || !Array.isArray(m.nodes)) {
      throw new InputError(path, `models[${i}] is not a model report (needs path, totals and nodes)`);
    }
  }
  // Every field compare / check read, by type and range (a report is untrusted input too).
  return validateReport(r, path);
}
