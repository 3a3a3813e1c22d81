/**
 * Reading a saved JSON report (`analyze --format json`, or `check --format json` whose analysis
 * is under "head") the safe way (src/io/safe-open.ts), validated against
 * schema/report.schema.json before any field is used: a wrong type anywhere is an InputError
 * naming the JSON path of the first few problems.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import { SCHEMA_VERSION, type AnalyzeReport } from '../report/model-report.js';
import { quoteToken } from '../util/sanitize.js';
import { readTextSafe, type Confinement } from './safe-open.js';
import reportSchema from '../../schema/report.schema.json';

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(reportSchema);
  return validator(data) ? [] : (validator.errors ?? []);
}

/** `/models/0/totals/params` -> `models[0].totals.params`. */
function jsonPath(pointer: string): string {
  if (!pointer) return '(top level)';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (acc ? `${acc}.${p}` : p) : `${acc}[${quoteToken(p)}]`), '');
}

function describe(e: ErrorObject): string {
  const at = jsonPath(e.instancePath);
  switch (e.keyword) {
    case 'required':
      return `${at}: missing "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'type':
      return `${at}: must be ${String((e.params as { type: string | string[] }).type).replace(',', ' or ')}`;
    case 'const':
      return `${at}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
    case 'enum':
      return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}: ${e.message ?? e.keyword}`;
  }
}

export interface ReadReportOptions {
  /** Where the file's real path must stay (default: anywhere). */
  confine?: Confinement;
  /** The path as the user wrote it (default: `path`). */
  display?: string;
}

export function readReportFile(path: string, options: ReadReportOptions = {}): AnalyzeReport {
  const display = options.display ?? path;
  let text: string;
  try {
    text = readTextSafe(path, display, { root: null, ...options.confine, what: 'report file' });
  } catch (e) {
    if (e instanceof InputError && /^no such/.test(e.detail)) throw new InputError(display, 'no such file');
    throw e;
  }
  const data = parseReportText(text, display);
  return (data.head && typeof data.head === 'object' ? data.head : data) as AnalyzeReport;
}

/**
 * A report's text, parsed and validated against schema/report.schema.json: an analysis, or a
 * check whose analysis is under "head". Errors are InputErrors naming `display`.
 */
export function parseReportText(text: string, display: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(display, `is not JSON (${(e as Error).message.slice(0, 120)})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(display, 'is not a model-budget report (no "models" array): write one with `model-budget analyze --format json`');
  }
  const outer = data as { head?: unknown; schemaVersion?: unknown; models?: unknown };
  if (!('head' in outer) && !Array.isArray(outer.models)) {
    throw new InputError(display, 'is not a model-budget report (no "models" array): write one with `model-budget analyze --format json`');
  }
  if (outer.schemaVersion !== SCHEMA_VERSION) {
    throw new InputError(display, `has report schemaVersion ${quoteToken(String(outer.schemaVersion))}; this version reads ${SCHEMA_VERSION}`);
  }
  const errors = validate(data);
  if (errors.length) {
    // Dedupe (if/then/else repeats a failure) and keep the first few.
    const lines = [...new Set(errors.filter((e) => e.keyword !== 'if').map(describe))];
    const shown = lines.slice(0, 3).join('; ');
    throw new InputError(display, `is not a valid report (schema/report.schema.json): ${shown}${lines.length > 3 ? `; and ${lines.length - 3} more` : ''}`);
  }
  return outer;
}
