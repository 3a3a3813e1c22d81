/**
 * The base device for `calibrate --devices FILE --device ID`: a YAML file whose top key is
 * `custom-devices` (what `calibrate --output` writes), read with the budgets file's own parser
 * (every error with its line and key path). The parser wants a whole budgets file, so the two
 * keys a devices file has no use for (`version`, `models`) are appended after the user's text:
 * its line numbers stay the user's.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { deviceModel } from '../devices/efficiency.js';
import type { DeviceClass } from '../devices/catalog.js';
import type { DeviceModel } from '../devices/roofline.js';
import { parseBudgets } from '../budgets/parse.js';
import { InputError } from '../errors.js';
import { MAX_TEXT_BYTES, readFileSafe, type Confinement } from '../io/safe-open.js';
import { quoteToken } from '../util/sanitize.js';

export interface FileDevice {
  model: DeviceModel;
  class: DeviceClass;
}

export function parseDevicesText(text: string, file: string): FileDevice[] {
  const doc = parseDocument(text);
  const root = doc.contents;
  if (doc.errors.length === 0) {
    if (!isMap(root) || root.flow) throw new InputError(file, 'expected a YAML mapping whose top key is custom-devices');
    const keys = root.items.map((p) => {
      const k: unknown = isScalar(p.key) ? p.key.value : p.key;
      return typeof k === 'string' ? k : JSON.stringify(k);
    });
    const other = keys.find((k) => k !== 'custom-devices' && k !== 'version' && k !== 'fusion');
    if (other !== undefined) throw new InputError(file, `a devices file has only custom-devices (and version); ${quoteToken(other)} is not one of them`);
    if (!keys.includes('custom-devices')) throw new InputError(file, "has no 'custom-devices'");
  }
  const hasVersion = isMap(root) && root.has('version');
  const wrapped = `${text.endsWith('\n') || text === '' ? text : `${text}\n`}${hasVersion ? '' : 'version: 1\n'}models: [{ path: '-' }]\n`;
  const config = parseBudgets(wrapped, file);
  return config.customDevices.map((c) => ({ model: deviceModel(c.device, c.overrides), class: c.device.class }));
}

export function readDevicesFile(path: string, confine: Confinement): FileDevice[] {
  return parseDevicesText(readFileSafe(path, path, { ...confine, maxBytes: MAX_TEXT_BYTES, what: 'devices file' }).toString('utf8'), path);
}
