// Only `version` from package.json: the bundles do not carry (and change with) the rest of it.
import { version } from '../package.json';

export const TOOL_NAME = 'model-budget';
export const VERSION: string = version;
