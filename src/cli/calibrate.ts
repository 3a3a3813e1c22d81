/**
 * `model-budget calibrate`: fit a device from the built-in micro-suite timed on this machine
 * with onnxruntime-node, or from measurements brought from any device (`--from`), and write it
 * as a `custom-devices` YAML (or the fit as JSON).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { findDevice, type DeviceClass } from '../devices/catalog.js';
import { deviceModel } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { parseBandwidth } from '../budgets/units.js';
import { enclosingRepo } from '../io/safe-open.js';
import { confinement } from '../check/run.js';
import { writeFileAtomic } from '../io/write-file.js';
import { quoteToken } from '../util/sanitize.js';
import { textTable } from '../report/format.js';
import { fitDevice, type FitReport } from '../calibrate/fit.js';
import { calibrateOnThisMachine, describeMachine, thisMachineDevice } from '../calibrate/calibrate.js';
import { deviceYaml } from '../calibrate/device-yaml.js';
import { cacheCandidates, detectMachine } from '../calibrate/machine.js';
import { loadMeasurements } from '../calibrate/measurements.js';
import { readDevicesFile } from '../calibrate/devices-file.js';
import { loadOrt, type OrtModule } from '../calibrate/ort.js';
import { parseDims, type CliIO } from './main.js';
import { parseFusion } from './devices.js';

export interface CalibrateDeps {
  /** Loads onnxruntime-node (tests inject one that fails or a stand-in). */
  loadOrt?: () => OrtModule;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;

export async function calibrateCommand(args: string[], io: CliIO, deps: CalibrateDeps = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      from: { type: 'string', multiple: true },
      model: { type: 'string' },
      dims: { type: 'string', multiple: true },
      device: { type: 'string' },
      devices: { type: 'string' },
      id: { type: 'string', default: 'this-machine' },
      bandwidth: { type: 'string' },
      fusion: { type: 'string' },
      threads: { type: 'string' },
      quick: { type: 'boolean', default: false },
      format: { type: 'string', default: 'yaml' },
      output: { type: 'string' },
      'allow-outside-repo': { type: 'boolean', default: false },
      'allow-missing-weights': { type: 'boolean', default: false },
    },
  });
  if (positionals.length) throw new UsageError(`calibrate takes no positional arguments, got ${quoteToken(positionals[0])} (measurements: --from FILE)`);
  const format = values.format;
  if (!['yaml', 'json', 'text'].includes(format)) throw new UsageError(`--format must be yaml, json or text, got ${quoteToken(format)}`);
  const id = values.id;
  if (!ID.test(id)) throw new UsageError(`--id must be lower case letters, digits, '.', '_' or '-', got ${quoteToken(id)}`);
  if (findDevice(id)) throw new UsageError(`--id ${quoteToken(id)} is a catalog device; give the calibrated device another id`);
  const fusion = parseFusion(values.fusion);
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!/^\d+$/.test(values.threads) || !(threads >= 1 && threads <= 1024))
      throw new UsageError(`--threads must be a whole number from 1 to 1024, got ${quoteToken(values.threads)}`);
  }
  let bandwidth: number | undefined;
  if (values.bandwidth !== undefined) {
    try {
      bandwidth = parseBandwidth(values.bandwidth);
    } catch (e) {
      throw new UsageError(`--bandwidth: ${(e as Error).message}`);
    }
    if (!(bandwidth > 0)) throw new UsageError(`--bandwidth must be above zero, got ${quoteToken(values.bandwidth)}`);
  }
  const confine = confinement(enclosingRepo(process.cwd()) ?? process.cwd(), values['allow-outside-repo']);
  if (values.devices && !values.device) throw new UsageError('--devices FILE needs --device ID (which of its devices to start from)');
  if (values.model && !values.from) throw new UsageError('--model names the model of a profile: give the profile with --from');

  // The base device: a catalog one, one from --devices, or this machine.
  let base: DeviceModel | undefined;
  let cls: DeviceClass = 'cpu';
  if (values.device) {
    if (values.devices) {
      const found = readDevicesFile(values.devices, confine).find((d) => d.model.id === values.device);
      if (!found) throw new UsageError(`--device ${quoteToken(values.device)} is not a custom device of ${values.devices}`);
      base = found.model;
      cls = found.class;
    } else {
      const d = findDevice(values.device);
      if (!d) throw new UsageError(`unknown device ${quoteToken(values.device)}; \`model-budget devices\` lists the catalog (or give --devices FILE)`);
      base = deviceModel(d);
      cls = d.class;
    }
    if (bandwidth !== undefined) base = { ...base, bandwidth };
  }

  let device: DeviceModel;
  let fit: FitReport;
  const comments: string[] = [];
  const warnings: string[] = [];
  if (values.from) {
    const dims = parseDims(values.dims);
    const loaded = loadMeasurements(values.from, { model: values.model, dims, confine, allowMissingWeights: values['allow-missing-weights'] });
    warnings.push(...loaded.warnings);
    if (loaded.measurements.length === 0) throw new UsageError(`no measurement in ${values.from.join(', ')} matches a node or model: nothing to fit`);
    let candidates: number[];
    if (!base) {
      if (bandwidth === undefined) throw new UsageError('measurements from --from need a base device: --device ID, or --bandwidth for this machine');
      const machine = detectMachine();
      base = thisMachineDevice(machine, bandwidth, id, describeMachine(machine));
      comments.push(
        `Base: this machine, peak fp32 ${(machine.peak / 1e9).toFixed(1)} GFLOP/s = ${machine.cores} cores x ${machine.clockGHz} GHz x ${machine.flopsPerCycle} FLOPs/cycle (${machine.vector}).`,
      );
      candidates = cacheCandidates(machine.caches, machine.cores);
    } else {
      comments.push(`Base: ${base.id} (${base.name}): its peak and bandwidth.`);
      candidates = base.cache ? [base.cache.bytes / 2, base.cache.bytes, base.cache.bytes * 2] : [];
    }
    const name = `${base.name}, calibrated ${new Date().toISOString().slice(0, 10)} from ${values.from.length === 1 ? values.from[0] : `${values.from.length} files`}`;
    ({ device, report: fit } = fitDevice(loaded.measurements, { base: { ...base, id, name }, fusion: fusion ?? 'standard', cacheCandidates: candidates }));
    comments.unshift(`Measured: ${loaded.measurements.length} measurements from ${values.from.join(', ')}.`);
  } else {
    const ort = (deps.loadOrt ?? loadOrt)();
    const log = (line: string) => io.stderr(`${line}\n`);
    // --fusion none: time without ORT's graph fusions, so the device describes an unfused runtime.
    const optimization = fusion === 'none' ? 'basic' : 'all';
    log(`timing the micro-suite with onnxruntime-node (optimisation ${optimization})...`);
    const r = await calibrateOnThisMachine({ ort, base, threads, quick: values.quick, log, bandwidth, id, optimization });
    ({ device, fit } = r);
    comments.push(
      `Measured: the micro-suite${values.quick ? ' (--quick: a smoke test, not a calibration)' : ''}, onnxruntime-node ${r.ortVersion ?? ''} optimisation ${optimization}, ${threads ?? r.machine.cores} threads, medians of passes.`,
    );
    comments.push(...r.basis.map((b) => `Basis: ${b}.`));
  }
  comments.unshift(
    `Calibrated by \`model-budget calibrate\` on ${new Date().toISOString().slice(0, 10)}. Paste under a budgets file, or pass with --devices FILE.`,
  );
  for (const w of warnings) io.stderr(`model-budget: warning: ${w}\n`);

  const table = fitTable(fit);
  let out: string;
  if (format === 'json') out = JSON.stringify({ schemaVersion: 1, device, class: cls, fit }, null, 2) + '\n';
  else if (format === 'text') out = table;
  else out = deviceYaml(device, fit, { class: cls, comments });
  if (values.output) {
    writeFileAtomic(values.output, out);
    if (format !== 'text') io.stdout(table);
  } else {
    io.stdout(out);
    if (format === 'yaml') io.stderr(table);
  }
  return 0;
}

function fitTable(fit: FitReport): string {
  const rows = fit.residuals.map((r) => [r.id, r.measuredMs.toPrecision(3), r.initialMs.toPrecision(3), r.estimatedMs.toPrecision(3), r.ratio.toFixed(2)]);
  const table = textTable(['measured', 'ms', 'estimate before', 'estimate fitted', 'ratio'], rows, [false, true, true, true, true]);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    table,
    '',
    `median |error| ${pct(fit.medianAbsError)} after the fit (${pct(fit.initialMedianAbsError)} before), ${fit.residuals.length} measurements, fusion ${fit.fusion}`,
  ];
  if (fit.notIdentifiable.length) lines.push(`not identifiable (base figures kept): ${fit.notIdentifiable.join(', ')}`);
  return lines.join('\n') + '\n';
}
