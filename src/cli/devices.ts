/**
 * `model-budget devices`: the catalog as a table (or JSON), and resolving `--device` ids.
 */
import { DEVICES, SOURCES, findDevice, type Device, type Precision } from '../devices/catalog.js';
import { deviceModel, CLASS_EFFICIENCY } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { UsageError } from '../errors.js';
import { closest } from '../util/suggest.js';
import { quoteToken, safeText } from '../util/sanitize.js';
import { FUSIONS, type Fusion } from '../devices/op-class.js';
import type { DevicesFile } from '../budgets/types.js';
import { customDeviceModel } from '../check/run.js';
import { formatBinaryBytes, formatBytes, formatCount, textTable } from '../report/format.js';

/**
 * The devices `--device` names: catalog ids, or ids of the `--devices` file's custom devices.
 * With a devices file and no `--device`, every device of the file. `fusion` (--fusion)
 * overrides each device's own.
 */
export function resolveDevices(ids: readonly string[], file?: DevicesFile, fusion?: Fusion): DeviceModel[] {
  const custom = file?.customDevices ?? [];
  if (ids.length === 0) return custom.map((c) => customDeviceModel(c, undefined, fusion));
  return ids.map((id) => {
    const own = custom.find((c) => c.device.id === id.trim());
    if (own) return customDeviceModel(own, undefined, fusion);
    const d = findDevice(id);
    if (!d) {
      const hint = closest(id, [...DEVICES.map((x) => x.id), ...custom.map((c) => c.device.id)]);
      throw new UsageError(
        `unknown device ${quoteToken(id)}${hint.length ? ` (did you mean ${hint.map((h) => `'${h}'`).join(', ')}?)` : ''}; \`model-budget devices\` lists the catalog${file ? `; ${safeText(file.file, 200)} declares ${custom.map((c) => c.device.id).join(', ')}` : ''}`,
      );
    }
    return deviceModel(d, fusion ? { fusion } : {});
  });
}

/** `--fusion none|standard|onnxruntime`; undefined when not given. */
export function parseFusion(v: string | undefined): Fusion | undefined {
  if (v === undefined) return undefined;
  if (!(FUSIONS as readonly string[]).includes(v)) throw new UsageError(`--fusion must be one of ${FUSIONS.join(', ')}, got ${quoteToken(v)}`);
  return v as Fusion;
}

const rate = (d: Device, p: Precision): string => {
  const f = d.peak[p];
  return f ? formatCount(f.value) : '-';
};

export function renderDevicesText(): string {
  const rows = DEVICES.map((d) => [
    d.id,
    d.name,
    d.class,
    rate(d, 'fp32'),
    d.peak.fp16 ? rate(d, 'fp16') : rate(d, 'bf16'),
    rate(d, 'int8'),
    `${formatBytes(d.bandwidth.value)}/s`,
    d.memory ? formatBinaryBytes(d.memory.value) : '-',
    d.power ? `${d.power.value} W` : '-',
  ]);
  const table = textTable(['id', 'name', 'class', 'fp32 FLOP/s', 'fp16 FLOP/s', 'int8 OP/s', 'bandwidth', 'memory', 'power'], rows, [
    false,
    false,
    false,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
  // The catalog is ours, but its table goes through textTable's safeText like every other.
  return `${table}\n\nDense peaks (no sparsity). Sources for every figure: \`model-budget devices --format json\` or docs/devices.md.\n`;
}

export function devicesJson(): unknown {
  return {
    schemaVersion: 1,
    devices: DEVICES.map((d) => ({ ...d, efficiency: CLASS_EFFICIENCY[d.class] })),
    sources: SOURCES,
  };
}
