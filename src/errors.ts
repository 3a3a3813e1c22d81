/**
 * User-facing errors. Every error a user can cause (a bad model file, a bad budgets file, a bad
 * unit, a bad report, a usage mistake, a refused GitHub API call) is a {@link UserError}: it
 * renders as one line that names the file, the position and what is wrong. The CLI catches this
 * one type and exits 2; anything else that escapes is a bug (stack trace, exit 3).
 *
 * Messages never quote file content beyond a short, sanitised token (see src/util/sanitize.ts).
 */

export interface Position {
  line: number;
  column: number;
}

function render(file: string, detail: string, at?: Position, keyPath?: string): string {
  const where = file ? (at ? `${file}:${at.line}:${at.column}: ` : `${file}: `) : '';
  return `${where}${keyPath ? `${keyPath}: ` : ''}${detail}`;
}

export class UserError extends Error {
  constructor(
    /** The file the problem is in (as the user wrote it), or '' when none applies. */
    readonly file: string,
    /** What is wrong, without the file and position. */
    readonly detail: string,
    /** Where in the file, when known (1-based line and column). */
    readonly at?: Position,
    /** The key path inside a structured file (`models[0].budgets.params`), when known. */
    readonly keyPath?: string,
  ) {
    super(render(file, detail, at, keyPath));
    this.name = 'UserError';
  }
}

/** A problem with an input file (model, report, payload) as a whole. */
export class InputError extends UserError {
  constructor(file: string, message: string, at?: Position) {
    super(file, message, at);
    this.name = 'InputError';
  }
}

/** Malformed protobuf bytes; `offset` is where decoding stopped. The loader adds the file. */
export class DecodeError extends UserError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super('', `${message} at byte ${offset}`);
    this.name = 'DecodeError';
  }
}

/** Command-line usage mistakes (unknown flag, missing argument). */
export class UsageError extends UserError {
  constructor(message: string) {
    super('', message);
    this.name = 'UsageError';
  }
}
