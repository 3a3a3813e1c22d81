/**
 * Recognising what a file is before decoding it, so an error can say what the file is
 * ("a Git LFS pointer", "a PyTorch checkpoint") rather than "invalid protobuf", and which
 * reader (src/formats/registry.ts) decodes it.
 */
import type { FormatReader } from './types.js';
import { READERS } from './registry.js';

export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'lfs-pointer'; oid: string | null; size: number | null }
  | { kind: 'other'; what: string }
  | { kind: 'model'; reader: FormatReader };

const LFS_HEADER = 'version https://git-lfs.github.com/spec/v1';

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  if (bytes.length < at + ascii.length) return false;
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

export function sniff(bytes: Uint8Array, readers: readonly FormatReader[] = READERS): Sniffed {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, LFS_HEADER)) {
    const text = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 1024)));
    const oid = /oid sha256:([0-9a-f]{64})/.exec(text)?.[1] ?? null;
    const size = /\nsize (\d+)/.exec(text)?.[1];
    return { kind: 'lfs-pointer', oid, size: size ? Number(size) : null };
  }
  for (const reader of readers) if (reader.sniff(bytes) === 'yes') return { kind: 'model', reader };
  if (startsWith(bytes, 'PK\x03\x04')) return { kind: 'other', what: 'a ZIP archive (a PyTorch checkpoint or .mar/.nemo bundle?)' };
  if (startsWith(bytes, 'ORTM', 4)) return { kind: 'other', what: 'an ONNX Runtime (.ort) model, not an .onnx file' };
  if (startsWith(bytes, '\x89HDF')) return { kind: 'other', what: 'an HDF5 file (a Keras model?)' };
  if (startsWith(bytes, 'GGUF')) return { kind: 'other', what: 'a GGUF model' };
  if (bytes[0] === 0x80 && (bytes[1] === 2 || bytes[1] === 3 || bytes[1] === 4 || bytes[1] === 5))
    return { kind: 'other', what: 'a Python pickle (a PyTorch checkpoint?)' };
  if (bytes.length >= 9 && bytes[8] === 0x7b && readU64LE(bytes) < bytes.length) return { kind: 'other', what: 'a safetensors file' };
  if (looksLikeText(bytes)) return { kind: 'other', what: 'a text file' };
  for (const reader of readers) if (reader.sniff(bytes) === 'maybe') return { kind: 'model', reader };
  return { kind: 'other', what: 'a file of unknown type (no magic number this tool knows, not a protobuf)' };
}

function readU64LE(b: Uint8Array): number {
  let v = 0;
  for (let i = 7; i >= 0; i--) v = v * 256 + b[i];
  return v;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || c === 127) return false;
  }
  return true;
}
