/**
 * The base device for `calibrate --devices FILE --device ID`: a devices file (custom-devices,
 * what `calibrate --output` writes), read and parsed like `--devices` on analyze / check / compare.
 */
import type { DeviceClass } from '../devices/catalog.js';
import type { DeviceModel } from '../devices/roofline.js';
import { parseDevicesFile } from '../budgets/parse.js';
import { customDeviceModel, readDevicesFile as readFile } from '../check/run.js';
import type { Confinement } from '../io/safe-open.js';

export interface FileDevice {
  model: DeviceModel;
  class: DeviceClass;
}

export function parseDevicesText(text: string, file: string): FileDevice[] {
  return parseDevicesFile(text, file).customDevices.map((c) => ({ model: customDeviceModel(c), class: c.device.class }));
}

export function readDevicesFile(path: string, confine: Confinement): FileDevice[] {
  return readFile(path, path, confine).customDevices.map((c) => ({ model: customDeviceModel(c), class: c.device.class }));
}
