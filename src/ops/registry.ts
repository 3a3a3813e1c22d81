/**
 * The operator registry: one line per family module. Each family file exports `ops`, the
 * definitions (shape rule + cost rule) of the operators it owns.
 */
import type { OpDef } from './types.js';
import { normDomain } from '../graph/model.js';
import { FAMILIES } from './index.js';

const REGISTRY = new Map<string, OpDef>();

function key(domain: string, opType: string): string {
  return `${normDomain(domain)}:${opType}`;
}

for (const family of FAMILIES) {
  for (const def of family) {
    const k = key(def.domain ?? '', def.opType);
    if (REGISTRY.has(k)) throw new Error(`operator ${k} registered twice`);
    REGISTRY.set(k, def);
  }
}

export function lookupOp(domain: string, opType: string): OpDef | undefined {
  return REGISTRY.get(key(domain, opType));
}

/** Every registered operator as `domain:OpType` ('' domain for ai.onnx). */
export function registeredOps(): string[] {
  return [...REGISTRY.keys()].sort();
}
