/** The shapes of schema_meta_generated.ts (written by scripts/gen-tflite-schema.ts from schema.fbs). */
export interface SchemaEnum {
  /** The underlying scalar type ('byte', 'int' ...). */
  base: string;
  values: ReadonlyMap<number, string>;
}

export type FieldKind = 'scalar' | 'enum' | 'string' | 'table' | 'union';

/** [name, kind, vector, element type, vtable slot, default (schema text) or null, deprecated]. */
export type SchemaField = readonly [string, FieldKind, boolean, string, number, string | null, boolean];
