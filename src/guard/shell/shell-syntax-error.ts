import type { ShellErrorCode } from './types.js';

/** Thrown inside the parser and analyzer; parseShell turns it into `{ ok: false, error }`. */
export class ShellSyntaxError extends Error {
  readonly code: ShellErrorCode;
  /** Offset in the script being parsed when thrown; remapped as it crosses nested scripts. */
  readonly offset: number;

  constructor(code: ShellErrorCode, message: string, offset: number) {
    // It never leaves parseShell, so no stack trace is captured: that would cost more than the parse.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'ShellSyntaxError';
    this.code = code;
    this.offset = offset;
  }
}
