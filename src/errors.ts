/**
 * User-facing errors. Each renders as one line that names the file and what is wrong; the CLI
 * prints `message` and exits 2. Anything else that escapes is a bug and shows a stack trace.
 */
export class InputError extends Error {
  constructor(
    /** The file the problem is in (as the user wrote it), or '' when none applies. */
    readonly file: string,
    message: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'InputError';
  }
}

/** Malformed protobuf bytes; `offset` is where decoding stopped. */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'DecodeError';
  }
}

/** Command-line usage mistakes (unknown flag, missing argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
