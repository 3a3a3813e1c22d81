/**
 * The format seam: each file format the project reads is one folder under src/formats with a
 * `FormatReader`, listed once in src/formats/registry.ts. A reader recognises its files and turns
 * them into the project's neutral graph (src/graph/model.ts); nothing past the reader knows which
 * format a model came from, except the report header (Model.format) and the operator rules
 * registered for the format's own operator domain (ONNX: '' and com.microsoft ...; TFLite: 'tflite').
 */
import type { FormatId, Model } from '../graph/model.js';
import { DecodeError, UserError } from '../errors.js';

/**
 * Nodes a model may have (every graph, sub-graph and function body together) unless the caller
 * raises it: decoded, analysed and reported, each node costs a few kB, so a crafted file of
 * 10^6 tiny nodes would otherwise take gigabytes and most of a minute of a CI job.
 */
export const DEFAULT_MAX_NODES = 500_000;

/** A model with more nodes than the limit: refused while decoding, before the memory is spent. */
export class TooManyNodesError extends UserError {
  constructor(readonly limit: number) {
    super('', `has more than ${limit} nodes: refused (a limit that keeps a crafted file from exhausting the job; raise it with --max-nodes)`);
    this.name = 'TooManyNodesError';
  }
}

/**
 * An offset past the end of the bytes given: a file cut short, or a file read in part (options.fileSize)
 * whose caller may read `need` bytes and decode again.
 */
export class NeedBytesError extends DecodeError {
  constructor(
    readonly need: number,
    at: number,
  ) {
    super(`an offset runs past the end of the bytes read (needs ${need} bytes)`, at);
    this.name = 'NeedBytesError';
  }
}

export interface ReaderOptions {
  /** Refuse a model with more nodes than this (a TooManyNodesError); default: the reader's own ceiling. */
  maxNodes?: number;
  /**
   * The whole file's size when the bytes given are only its beginning (a TFLite file above the
   * size read whole keeps its weights, stored after the FlatBuffer, unread).
   */
  fileSize?: number;
}

export interface FormatReader {
  readonly id: FormatId;
  /** The format's name in messages: 'ONNX', 'TensorFlow Lite'. */
  readonly name: string;
  /**
   * Recognise the format from the file's bytes without decoding it: 'yes' for a magic number
   * (checked before anything else), 'maybe' for a structural guess (checked only after every
   * known non-model file type was ruled out: a ZIP or a text file may look like a protobuf).
   */
  sniff(bytes: Uint8Array): 'yes' | 'maybe' | 'no';
  /**
   * Decode the file into the neutral graph. Weight bytes stay views into `bytes`. A corrupt file
   * throws DecodeError with a message that does not name the file (the caller adds it; "truncated"
   * or "runs past the end" in the message marks a file cut short), a graph over `maxNodes` a
   * TooManyNodesError; both are user errors, and nothing else may escape for bad bytes.
   */
  decode(bytes: Uint8Array, options: ReaderOptions): Model;
}
