/**
 * The command line: `model-budget <command> [options]`. Exit codes: 0 ok, 1 a budget is
 * broken (nothing else), 2 bad input or usage (a UserError: one line on stderr, never a stack
 * trace), 3 an internal error (a bug: the stack is printed).
 */
import { parseArgs } from 'node:util';
import { UsageError, UserError } from '../errors.js';
import { neutraliseCommands, safeText } from '../util/sanitize.js';
import { SCHEMA_VERSION, type AnalyzeReport } from '../report/model-report.js';
import { renderAnalyzeText } from '../report/text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { analyzeFile } from '../io/analyze-file.js';
import { devicesJson, renderDevicesText, resolveDevices } from './devices.js';
import { withLatency } from '../report/latency.js';
import type { Precision } from '../devices/catalog.js';
import { readReportFile } from '../io/read-report.js';
import { compareReports } from '../report/compare.js';
import { renderComparisonText } from '../report/text.js';
import { renderAnalyzeMarkdown } from '../report/markdown.js';
import { renderHtml } from '../report/html.js';
import { writeFileAtomic, writeFileAtomicStream } from '../io/write-file.js';
import { writeJson } from '../report/json.js';
import { runCheck } from '../check/run.js';
import { renderCheckMarkdown } from '../check/markdown.js';
import { renderCheckText, repoRoot } from './check.js';
import { resolve } from 'node:path';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `usage: ${TOOL_NAME} <command> [options]

commands:
  analyze <model.onnx...>   params, MACs/FLOPs, memory and shapes of each model
  check --budgets FILE      evaluate a budgets file: exit 0 pass, 1 an error budget broken
  devices                   the device catalog (peaks, bandwidth, sources)
  compare <base.json> <head.json>
                            diff two saved reports, totals and node by node

analyze options:
  --dims k=v[,k=v...]       bind symbolic dims, e.g. --dims batch=1,sequence=128 (others default to 1)
  --device id[,id...]       add a roofline latency estimate per device (see \`devices\`)
  --precision p             the precision the deployment runs at (fp32, fp16, bf16, int8, ...);
                            default: each node's input dtypes
  --format text|json|markdown|html
                            output format (default text); html embeds a roofline chart per device
  --output FILE             write the report to FILE (atomically) instead of stdout
  --top N                   layers shown in the text table (default 15)
  --allow-missing-weights   analyse graphs whose external weight files are absent

check options:
  --budgets FILE            the budgets file (default budgets.yml)
  --baseline REPORT         a saved report (analyze or check --format json) to compare with
  --format text|json|markdown
  --output FILE             write the report to FILE (atomically) instead of stdout

devices options:
  --format text|json

compare options:
  --format text|json        output format (default text)
  --top N                   changed layers shown per model (default 10)

  -h, --help                this help
  -v, --version             the version
`;

export function parseDims(spec: string[] | undefined): Record<string, number> {
  const dims = Object.create(null) as Record<string, number>; // names like `__proto__` are plain keys
  for (const part of (spec ?? []).flatMap((s) => s.split(','))) {
    if (!part.trim()) continue;
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--dims: '${part}' is not name=value`);
    const value = Number(m[2]);
    if (!Number.isInteger(value) || value < 1 || value > 2 ** 31) {
      throw new UsageError(`--dims: '${m[1]}' must be a whole number from 1 to 2^31, got '${m[2]}'`);
    }
    dims[m[1]] = value;
  }
  return dims;
}

function analyzeCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      dims: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      top: { type: 'string' },
      device: { type: 'string', multiple: true },
      precision: { type: 'string' },
      'allow-missing-weights': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('analyze: give at least one model file');
  const format = values.format;
  if (!['text', 'json', 'markdown', 'html'].includes(format)) {
    throw new UsageError(`--format must be text, json, markdown or html, got '${format}'`);
  }
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${values.top}'`);
  const dims = parseDims(values.dims);
  const devices = resolveDevices((values.device ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter(Boolean));
  const precision = parsePrecision(values.precision);
  const report: AnalyzeReport = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    models: positionals.map((p) =>
      withLatency(analyzeFile(p, { dims, allowMissingWeights: values['allow-missing-weights'] }), devices, { precision }),
    ),
  };
  if (format === 'json') {
    emitJson(report, values.output, io);
    return 0;
  }
  const text =
    format === 'markdown' ? renderAnalyzeMarkdown(report, { top })
    : format === 'html' ? renderHtml(report, { devices, top })
    : renderAnalyzeText(report, { top });
  if (values.output) writeFileAtomic(values.output, text);
  else io.stdout(text);
  return 0;
}

const PRECISIONS: readonly Precision[] = ['fp64', 'fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'];

export function parsePrecision(p: string | undefined): Precision | undefined {
  if (p === undefined) return undefined;
  if (!(PRECISIONS as readonly string[]).includes(p)) throw new UsageError(`--precision must be one of ${PRECISIONS.join(', ')}, got '${p}'`);
  return p as Precision;
}

function checkCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      budgets: { type: 'string', default: 'budgets.yml' },
      baseline: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`check takes no positional arguments, got '${positionals[0]}' (use --budgets FILE)`);
  if (!['text', 'json', 'markdown'].includes(values.format)) throw new UsageError(`--format must be text, json or markdown, got '${values.format}'`);
  const budgetsPath = resolve(values.budgets);
  const baseline = values.baseline ? readReportFile(values.baseline) : null;
  const outcome = runCheck({ budgetsPath, root: repoRoot(budgetsPath), baseline });
  const note = values.baseline ? `compared with ${values.baseline}` : undefined;
  if (values.format === 'json') emitJson(outcome.json, values.output, io);
  else {
    const text = values.format === 'markdown' ? renderCheckMarkdown(outcome, { version: VERSION, baselineNote: note, full: true }) : renderCheckText(outcome);
    if (values.output) writeFileAtomic(values.output, text);
    else io.stdout(text);
  }
  return outcome.evaluation.passed ? 0 : 1;
}

/** A JSON report streamed in chunks (never one giant string) to stdout or, atomically, to --output. */
function emitJson(value: unknown, output: string | undefined, io: CliIO): void {
  const produce = (write: (chunk: string) => void) => {
    writeJson(value, write);
    write('\n');
  };
  if (output) writeFileAtomicStream(output, produce);
  else produce(io.stdout);
}

function compareCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' }, top: { type: 'string' } },
  });
  if (positionals.length !== 2) throw new UsageError('compare: give two reports, base.json head.json');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got '${values.format}'`);
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${values.top}'`);
  const cmp = compareReports(readReportFile(positionals[0]), readReportFile(positionals[1]));
  io.stdout(values.format === 'json' ? JSON.stringify(cmp, null, 2) + '\n' : renderComparisonText(cmp, { top }));
  return 0;
}

function devicesCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
  if (positionals.length) throw new UsageError(`devices takes no arguments, got '${positionals[0]}'`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got '${values.format}'`);
  io.stdout(values.format === 'json' ? JSON.stringify(devicesJson(), null, 2) + '\n' : renderDevicesText());
  return 0;
}

export function main(argv: string[], rawIO: CliIO): number {
  // Everything printed passes one filter: no control sequences, no line a CI runner would take
  // as a workflow command (names in a pull request's files are untrusted).
  const io: CliIO = { stdout: (t) => rawIO.stdout(neutraliseCommands(t)), stderr: (t) => rawIO.stderr(neutraliseCommands(t)) };
  try {
    const [command, ...rest] = argv;
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    switch (command) {
      case 'analyze':
        return analyzeCommand(rest, io);
      case 'devices':
        return devicesCommand(rest, io);
      case 'compare':
        return compareCommand(rest, io);
      case 'check':
        return checkCommand(rest, io);
      default:
        throw new UsageError(`unknown command '${command}' (try --help)`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(`${TOOL_NAME}: ${safeText(e.message, 2000)}\n`);
      return 2;
    }
    if (e instanceof Error && (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${TOOL_NAME}: ${safeText(e.message, 2000)}\n`);
      return 2;
    }
    // Not the user's doing: a bug. The stack helps the report; exit 3 keeps it apart from 1 (a broken budget).
    io.stderr(`${TOOL_NAME}: internal error, please report it with the command that caused it\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 3;
  }
}
