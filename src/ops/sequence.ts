import type { OpDef } from './types.js';

export const ops: OpDef[] = [];
