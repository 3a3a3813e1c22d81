/**
 * The command line: `model-budget <command> [options]`. Exit codes: 0 ok, 1 a budget is
 * broken (nothing else), 2 bad input or usage (a UserError: one line on stderr, never a stack
 * trace), 3 an internal error (a bug: the stack is printed).
 */
import { parseArgs } from 'node:util';
import { UsageError, UserError } from '../errors.js';
import { BudgetFileErrors, MAX_GENERATE } from '../budgets/parse.js';
import { neutraliseCommands, quoteToken, safeText } from '../util/sanitize.js';
import { SCHEMA_VERSION, type AnalyzeReport } from '../report/model-report.js';
import { renderAnalyzeText } from '../report/text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { openModelFile } from '../io/analyze-file.js';
import { analyzePhases, GenerateRoleError } from '../io/analyze-phases.js';
import { GENERATE } from '../report/phases.js';
import { unknownDimMessage, unknownDims } from '../check/dims.js';
import { closest } from '../util/suggest.js';
import { devicesJson, parseFusion, renderDevicesText, resolveDevices } from './devices.js';
import { withLatency } from '../report/latency.js';
import type { Precision } from '../devices/catalog.js';
import { readReportFile } from '../io/read-report.js';
import { compareReports, modelIdentity } from '../report/compare.js';
import { renderComparisonText } from '../report/text.js';
import { renderAnalyzeMarkdown } from '../report/markdown.js';
import { renderHtml } from '../report/html.js';
import { writeFileAtomic, writeFileAtomicStream } from '../io/write-file.js';
import { writeJson } from '../report/json.js';
import { calibrateCommand, type CalibrateDeps } from './calibrate.js';
import { configDevices, runCheck } from '../check/run.js';
import { renderCheckMarkdown } from '../check/markdown.js';
import { renderCheckText, repoRoot } from './check.js';
import { resolve } from 'node:path';
import { enclosingRepo, type Confinement } from '../io/safe-open.js';
import { confinement, parseMaxNodes, readDevicesFile } from '../check/run.js';
import type { DeviceModel } from '../devices/roofline.js';
import type { ModelReport } from '../report/model-report.js';

/** For files named on the command line: the repository around the cwd (else the cwd). */
function cwdConfinement(allowOutside: boolean): Confinement {
  return confinement(enclosingRepo(process.cwd()) ?? process.cwd(), allowOutside);
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const COMMANDS_HELP = `commands:
  analyze <model.onnx...>   params, MACs/FLOPs, memory and shapes of each model
  check --budgets FILE      evaluate a budgets file: exit 0 pass, 1 an error budget broken
  devices                   the device catalog (peaks, bandwidth, sources)
  compare <base.json> <head.json>
                            diff two saved reports, totals and node by node
  calibrate                 fit a device from measurements (this machine, or --from files)
`;

const EXIT_CODES = `exit codes:
  0  success (check: every error-level budget holds)
  1  check: an error-level budget is broken (and nothing else)
  2  bad input or usage: a model, budgets file, report or option is wrong (one line on stderr)
  3  internal error (a bug: please report it with the command)
`;

/** Each command's own usage (\`model-budget <command> --help\`). */
const COMMAND_USAGE: Record<string, string> = {
  analyze: `usage: ${TOOL_NAME} analyze <model.onnx...> [options]

  params, MACs/FLOPs, memory and shapes of each model. Figures a data-dependent shape leaves
  unknown are shown as lower bounds (\u2265), with a static upper bound (\u2264) where one exists.

options:
  --dims k=v[,k=v...]       bind symbolic dims, e.g. --dims batch=1,sequence=128 (others default to 1);
                            a name must be a symbolic dim of a model; 0 is allowed (an empty tensor)
  --phase NAME:k=v[,k=v...] also analyse the model at a named phase's dims (over --dims), e.g.
                            --phase prefill:sequence=512,past_sequence=0 (repeatable)
  --generate PROMPT:TOKENS  also a generate run: a prefill of PROMPT tokens, then TOKENS-1 decode
                            steps at their growing context, end to end (time to first token,
                            tokens per second with --device)
  --device id[,id...]       add a roofline latency estimate per device (see \`devices\`)
  --devices FILE            custom devices (a YAML file with custom-devices, as \`calibrate\`
                            writes): --device may name them; without --device, all of them
  --fusion F                what the runtime fuses, for every device: none, standard or
                            onnxruntime (overrides the devices')
  --precision p             the precision the deployment runs at (fp32, fp16, bf16, int8, ...);
                            default: each node's input dtypes
  --format text|json|markdown|html
                            output format (default text); html embeds a roofline chart per device
  --output FILE             write the report to FILE (atomically) instead of stdout
  --top N                   layers shown in the text table (default 15)
  --allow-missing-weights   analyse graphs whose external weight files are absent
  --max-nodes N             refuse a model with more than N nodes (default 500000)
  --allow-outside-repo      read files whose real path leaves the repository around the
                            current folder (refused by default; symlinks are resolved)
  -h, --help                this help
`,
  check: `usage: ${TOOL_NAME} check [--budgets FILE] [options]

  evaluate a budgets file: exit 0 when every error-level budget holds, 1 when one is broken.

options:
  --budgets FILE            the budgets file (default budgets.yml)
  --baseline REPORT         a saved report (analyze or check --format json) to compare with
  --format text|json|markdown|html
  --output FILE             write the report to FILE (atomically) instead of stdout
  --allow-outside-repo      read models, baseline and budgets file even where their real
                            paths leave the budgets file's repository
  --allow-missing-weights   analyse every model even when its external weight files are absent
                            (overrides the budgets file's allow-missing-weights)
  --max-nodes N             refuse a model with more than N nodes (default 500000)
  --devices FILE            custom devices (custom-devices only) added to the budgets file's
  --fusion F                what the runtime fuses, for every device: none, standard or
                            onnxruntime (overrides the files')
  -h, --help                this help
`,
  devices: `usage: ${TOOL_NAME} devices [--format text|json]

  the device catalog (peaks, bandwidth, sources).

options:
  --format text|json        output format (default text)
  -h, --help                this help
`,
  compare: `usage: ${TOOL_NAME} compare <base.json> <head.json> [options]

  diff two saved reports, totals and node by node.

options:
  --format text|json        output format (default text)
  --top N                   changed layers shown per model (default 10)
  --pair OLD=NEW            pair a renamed model (repeatable); others pair by path
  --device id[,id...]       estimate both reports' latency again on these devices (replacing
                            the saved estimates)
  --devices FILE            custom devices --device may name; without --device, all of them
  --fusion F                what the runtime fuses (with --device or --devices): none, standard
                            or onnxruntime
  --precision p             the precision for the new estimates (default: node dtypes)
  --allow-outside-repo      read reports outside the repository around the current folder
  -h, --help                this help
`,
  calibrate: `usage: ${TOOL_NAME} calibrate [options]

  fit a device's per op class efficiencies and kernel overheads, memory efficiency and cache
  from measurements, and write it as a custom-devices YAML for a budgets file or --devices.
  Without --from: times a built-in micro-suite on this machine with onnxruntime-node (install it
  with \`npm i --ignore-scripts onnxruntime-node\`), about a minute.

options:
  --from FILE               measurements instead of the micro-suite (repeatable): a CSV with a
                            header model,dims,ms (model paths relative to the CSV, dims like
                            "batch=1 sequence=128"), an ONNX Runtime profile JSON or a TensorRT
                            trtexec --exportProfile JSON (both need --model)
  --model FILE              the model a profile was recorded from (with --dims)
  --device ID               start from this device's peak and bandwidth (catalog, or --devices)
  --devices FILE            a YAML file of custom-devices to find --device in
  --id ID                   the fitted device's id (default this-machine)
  --bandwidth RATE          this machine's memory bandwidth, like 20 GB/s (default: measured)
  --fusion F                the runtime's fusion: none, standard or onnxruntime (default: standard
                            for --from; on this machine onnxruntime, and none times with ORT's
                            optimisation basic)
  --threads N               onnxruntime intra-op threads (default: every CPU this process may use)
  --quick                   a few small models only (a smoke test, not a calibration)
  --format yaml|json|text   yaml (default): the device; json: device and fit; text: the fit table
  --output FILE             write the device (or JSON) to FILE instead of stdout; the fit table
                            then goes to stdout
  --allow-outside-repo      read files outside the repository around the current folder
  --allow-missing-weights   analyse models whose external weight files are absent
  -h, --help                this help
`,
};

/** A command's usage; undefined for anything else (an inherited property name included). */
function usageOf(command: string): string | undefined {
  return Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;
}

/** The options part of a command's usage, without its -h line (for the overall help). */
function optionsOf(usage: string): string {
  return usage.slice(usage.indexOf('options:\n') + 'options:\n'.length).replace(/^ {2}-h, --help .*\n/m, '');
}

const USAGE = `usage: ${TOOL_NAME} <command> [options]
       ${TOOL_NAME} <command> --help   that command's options

${COMMANDS_HELP}
${Object.entries(COMMAND_USAGE)
  .map(([command, usage]) => `${command} options:\n${optionsOf(usage)}`)
  .join('\n')}
  -h, --help                this help
  -v, --version             the version

${EXIT_CODES}`;

export function parseDims(spec: string[] | undefined): Record<string, number> {
  const dims = Object.create(null) as Record<string, number>; // names like `__proto__` are plain keys
  for (const part of (spec ?? []).flatMap((s) => s.split(','))) {
    if (!part.trim()) continue;
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--dims: '${part}' is not name=value`);
    const value = Number(m[2]);
    // 0 is a valid ONNX dim (an empty tensor: an LLM prefill with no past, say).
    if (!/^\d+$/.test(m[2]) || !Number.isInteger(value) || value > 2 ** 31) {
      throw new UsageError(`--dims: '${m[1]}' must be a whole number from 0 to 2^31, got '${m[2]}'`);
    }
    dims[m[1]] = value;
  }
  return dims;
}

/** `--phase NAME:k=v,k=v` (repeatable): each phase's dims over --dims, and the names it sets. */
export function parsePhaseFlags(
  specs: string[] | undefined,
  dims: Record<string, number>,
): { dims: Record<string, Record<string, number>>; own: Record<string, string[]> } {
  const out = { dims: Object.create(null) as Record<string, Record<string, number>>, own: Object.create(null) as Record<string, string[]> };
  for (const spec of specs ?? []) {
    const m = /^([A-Za-z0-9_-]+):(.*)$/s.exec(spec);
    if (!m) throw new UsageError(`--phase: ${quoteToken(spec)} is not NAME:dim=value[,dim=value...] (a name of letters, digits, '_' or '-')`);
    const [, name, rest] = m;
    if (name === GENERATE) throw new UsageError("--phase: 'generate' is the phase --generate adds; give this phase another name");
    if (Object.hasOwn(out.dims, name)) throw new UsageError(`--phase: ${quoteToken(name)} is given twice`);
    let own: Record<string, number>;
    try {
      own = parseDims([rest]);
    } catch (e) {
      if (e instanceof UsageError) throw new UsageError(`--phase ${name}: ${e.detail.replace(/^--dims: /, '')}`);
      throw e;
    }
    out.dims[name] = { ...dims, ...own };
    out.own[name] = Object.keys(own);
  }
  return out;
}

/** `--generate PROMPT:TOKENS`, both whole numbers from 1. */
export function parseGenerateFlag(spec: string): { prompt: number; tokens: number } {
  const m = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(spec);
  const prompt = m ? Number(m[1]) : NaN;
  const tokens = m ? Number(m[2]) : NaN;
  if (!m || prompt < 1 || tokens < 1 || prompt > MAX_GENERATE.prompt || tokens > MAX_GENERATE.tokens) {
    throw new UsageError(`--generate must be PROMPT:TOKENS, whole numbers from 1 (like 128:20), got ${quoteToken(spec)}`);
  }
  return { prompt, tokens };
}

function analyzeCommand(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      dims: { type: 'string', multiple: true },
      phase: { type: 'string', multiple: true },
      generate: { type: 'string' },
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      top: { type: 'string' },
      device: { type: 'string', multiple: true },
      devices: { type: 'string' },
      fusion: { type: 'string' },
      precision: { type: 'string' },
      'allow-missing-weights': { type: 'boolean', default: false },
      'max-nodes': { type: 'string' },
      'allow-outside-repo': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('analyze: give at least one model file');
  const confine = cwdConfinement(values['allow-outside-repo']);
  const format = values.format;
  if (!['text', 'json', 'markdown', 'html'].includes(format)) {
    throw new UsageError(`--format must be text, json, markdown or html, got '${format}'`);
  }
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${values.top!}'`);
  const dims = parseDims(values.dims);
  const devices = deviceOptions(values, confine);
  const precision = parsePrecision(values.precision);
  const phases = parsePhaseFlags(values.phase, dims);
  const generate = values.generate === undefined ? undefined : parseGenerateFlag(values.generate);
  const analysed = positionals.map((p) => {
    const opened = openModelFile(p, {
      allowMissingWeights: values['allow-missing-weights'],
      confine,
      maxNodes: parseMaxNodes(values['max-nodes'], '--max-nodes'),
    });
    return { opened, ...opened.analyze(dims) };
  });
  // A name no model has is a typo (it would bind nothing and leave the real dim at 1).
  const [unknown] = unknownDims(
    Object.keys(dims),
    analysed.map((a) => a.symbols),
  );
  if (unknown !== undefined) {
    const of = positionals.length === 1 ? quoteToken(positionals[0], 80) : `any of the ${positionals.length} models`;
    throw new UsageError(
      `--dims: ${unknownDimMessage(
        unknown,
        analysed.flatMap((a) => a.symbols),
        of,
      )}`,
    );
  }
  for (const [name, own] of Object.entries(phases.own)) {
    for (const dim of own) {
      if (analysed.some((a) => !a.symbols.includes(dim))) {
        const a = analysed.find((x) => !x.symbols.includes(dim))!;
        throw new UsageError(`--phase ${name}: ${unknownDimMessage(dim, a.symbols, quoteToken(positionals[analysed.indexOf(a)], 80))}`);
      }
    }
  }
  const report: AnalyzeReport = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    models: analysed.map((a, i) => {
      const r = withLatency(a.report, devices, { precision });
      if (!Object.keys(phases.dims).length && !generate) return r;
      try {
        return { ...r, phases: analyzePhases(a.opened, a.report, { dims, phases: phases.dims, ...(generate ? { generate } : {}) }, devices, { precision }) };
      } catch (e) {
        if (e instanceof GenerateRoleError) throw new UsageError(`--generate: ${quoteToken(positionals[i], 80)}: ${e.message}`);
        throw e;
      }
    }),
  };
  if (format === 'json') {
    emitJson(report, values.output, io);
    return 0;
  }
  const text =
    format === 'markdown'
      ? renderAnalyzeMarkdown(report, { top })
      : format === 'html'
        ? renderHtml(report, { devices, top })
        : renderAnalyzeText(report, { top });
  if (values.output) writeFileAtomic(values.output, text);
  else io.stdout(text);
  return 0;
}

/**
 * The devices of `--device`, `--devices FILE` and `--fusion` (analyze, compare). --fusion with
 * no device to apply it to is a mistake, said as such.
 */
function deviceOptions(values: { device?: string[]; devices?: string; fusion?: string }, confine: Confinement): DeviceModel[] {
  const fusion = parseFusion(values.fusion);
  const file = values.devices === undefined ? undefined : readDevicesFile(values.devices, values.devices, confine);
  const ids = (values.device ?? [])
    .flatMap((d) => d.split(','))
    .map((d) => d.trim())
    .filter(Boolean);
  if (fusion && ids.length === 0 && !file) throw new UsageError('--fusion applies to latency estimates: give --device or --devices');
  return resolveDevices(ids, file, fusion);
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
      'allow-outside-repo': { type: 'boolean', default: false },
      'allow-missing-weights': { type: 'boolean', default: false },
      'max-nodes': { type: 'string' },
      devices: { type: 'string' },
      fusion: { type: 'string' },
    },
  });
  if (positionals.length) throw new UsageError(`check takes no positional arguments, got '${positionals[0]}' (use --budgets FILE)`);
  if (!['text', 'json', 'markdown', 'html'].includes(values.format))
    throw new UsageError(`--format must be text, json, markdown or html, got '${values.format}'`);
  const budgetsPath = resolve(values.budgets);
  const root = repoRoot(budgetsPath);
  const allowOutsideRepo = values['allow-outside-repo'];
  const baseline = values.baseline ? readReportFile(values.baseline, { confine: confinement(root, allowOutsideRepo) }) : null;
  const outcome = runCheck({
    budgetsPath,
    root,
    baseline,
    allowOutsideRepo,
    allowMissingWeights: values['allow-missing-weights'],
    maxNodes: parseMaxNodes(values['max-nodes'], '--max-nodes'),
    ...(values.devices !== undefined ? { devicesPath: resolve(values.devices) } : {}),
    fusion: parseFusion(values.fusion),
  });
  const note = values.baseline ? `compared with ${values.baseline}` : undefined;
  if (values.format === 'json') emitJson(outcome.json, values.output, io);
  else {
    const text =
      values.format === 'markdown'
        ? renderCheckMarkdown(outcome, { version: VERSION, baselineNote: note, full: true })
        : values.format === 'html'
          ? // The analysis of every model as a page (phases and their roofline included); the verdict stays in the exit code and the other formats.
            renderHtml(outcome.json.head, { devices: configDevices(outcome.config, parseFusion(values.fusion)) })
          : renderCheckText(outcome);
    if (values.output) writeFileAtomic(values.output, text);
    else io.stdout(text);
  }
  return outcome.evaluation.passed ? 0 : 1;
}

/** Report arrays written one entry per line: a model's node entries. */
const REPORT_ROWS: ReadonlySet<string> = new Set(['nodes']);

/** A JSON report streamed in chunks (never one giant string) to stdout or, atomically, to --output. */
function emitJson(value: unknown, output: string | undefined, io: CliIO): void {
  const produce = (write: (chunk: string) => void) => {
    writeJson(value, write, 2, undefined, { rowsUnder: REPORT_ROWS });
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
    options: {
      format: { type: 'string', default: 'text' },
      top: { type: 'string' },
      pair: { type: 'string', multiple: true },
      device: { type: 'string', multiple: true },
      devices: { type: 'string' },
      fusion: { type: 'string' },
      precision: { type: 'string' },
      'allow-outside-repo': { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 2) throw new UsageError('compare: give two reports, base.json head.json');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got '${values.format}'`);
  const top = values.top === undefined ? undefined : Number(values.top);
  if (top !== undefined && (!Number.isInteger(top) || top < 0)) throw new UsageError(`--top must be a whole number, got '${String(values.top)}'`);
  const pairs = (values.pair ?? []).map((p) => {
    const m = /^([^=]+)=([^=]+)$/.exec(p);
    if (!m) throw new UsageError(`--pair: '${p}' is not OLD=NEW (two model paths)`);
    return [m[1], m[2]] as [string, string];
  });
  const confine = cwdConfinement(values['allow-outside-repo']);
  const devices = deviceOptions(values, confine);
  const precision = parsePrecision(values.precision);
  if (precision && devices.length === 0) throw new UsageError('--precision applies to new latency estimates: give --device or --devices');
  let base = readReportFile(positionals[0], { confine });
  let head = readReportFile(positionals[1], { confine });
  if (devices.length) {
    // The same devices for both sides: the saved estimates are replaced.
    base = reestimate(base, devices, precision);
    head = reestimate(head, devices, precision);
  }
  for (const [o, n] of pairs) {
    if (!base.models.some((m) => modelIdentity(m.path) === modelIdentity(o))) throw new UsageError(`--pair: '${o}' is not a model of ${positionals[0]}`);
    if (!head.models.some((m) => modelIdentity(m.path) === modelIdentity(n))) throw new UsageError(`--pair: '${n}' is not a model of ${positionals[1]}`);
  }
  const cmp = compareReports(base, head, pairs);
  io.stdout(values.format === 'json' ? JSON.stringify(cmp, null, 2) + '\n' : renderComparisonText(cmp, { top }));
  return 0;
}

/** A saved report's latency estimated again on `devices` (the saved estimates dropped). */
function reestimate(report: AnalyzeReport, devices: readonly DeviceModel[], precision: Precision | undefined): AnalyzeReport {
  const strip = (m: ModelReport): ModelReport => {
    const copy: ModelReport = {
      ...m,
      nodes: m.nodes.map((n) => {
        const c = { ...n };
        delete c.latency;
        return c;
      }),
    };
    delete copy.latency;
    return copy;
  };
  return { ...report, models: report.models.map((m) => withLatency(strip(m), devices, { precision })) };
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
    const topic = command === 'help' && rest[0] ? usageOf(rest[0]) : undefined;
    if (topic) {
      io.stdout(topic);
      return 0;
    }
    if (!command || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return command ? 0 : 2;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    const help = usageOf(command);
    if (help && (rest.includes('-h') || rest.includes('--help'))) {
      io.stdout(help);
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
      case 'calibrate':
        throw new Error('calibrate runs asynchronously: call mainAsync');
      default: {
        const hint = closest(command, Object.keys(COMMAND_USAGE), 1);
        throw new UsageError(`unknown command ${quoteToken(command)}${hint.length ? `; did you mean '${hint[0]}'?` : ''} (try --help)`);
      }
    }
  } catch (e) {
    return failure(e, io);
  }
}

/** The CLI with its asynchronous command (calibrate times models); every other command as main(). */
export async function mainAsync(argv: string[], rawIO: CliIO, deps: CalibrateDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'calibrate' || rest.includes('-h') || rest.includes('--help')) return main(argv, rawIO);
  const io: CliIO = { stdout: (t) => rawIO.stdout(neutraliseCommands(t)), stderr: (t) => rawIO.stderr(neutraliseCommands(t)) };
  try {
    return await calibrateCommand(rest, io, deps);
  } catch (e) {
    return failure(e, io);
  }
}

/** What the user sees when a command throws, and the exit code. */
function failure(e: unknown, io: CliIO): number {
  if (e instanceof UserError) {
    // Several problems in a budgets file: a heading, then one line each.
    for (const line of e instanceof BudgetFileErrors ? e.lines : [e.message]) io.stderr(`${TOOL_NAME}: ${safeText(line, 2000)}\n`);
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
