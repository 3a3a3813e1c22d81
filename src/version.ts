import pkg from '../package.json';

export const TOOL_NAME = 'model-budget';
export const VERSION: string = pkg.version;
