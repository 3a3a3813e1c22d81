/**
 * `model-budget devices`: the catalog as a table (or JSON), and resolving `--device` ids.
 */
import { DEVICES, SOURCES, findDevice, type Device, type Precision } from '../devices/catalog.js';
import { deviceModel, CLASS_EFFICIENCY } from '../devices/efficiency.js';
import type { DeviceModel } from '../devices/roofline.js';
import { UsageError } from '../errors.js';
import { closest } from '../util/suggest.js';
import { quoteToken } from '../util/sanitize.js';
import { formatBinaryBytes, formatBytes, formatCount, textTable } from '../report/format.js';

export function resolveDevices(ids: readonly string[]): DeviceModel[] {
  return ids.map((id) => {
    const d = findDevice(id);
    if (!d) {
      const hint = closest(
        id,
        DEVICES.map((x) => x.id),
      );
      throw new UsageError(
        `unknown device ${quoteToken(id)}${hint.length ? ` (did you mean ${hint.map((h) => `'${h}'`).join(', ')}?)` : ''}; \`model-budget devices\` lists the catalog`,
      );
    }
    return deviceModel(d);
  });
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
