import { InvalidInputError } from '../../events/errors.js';
import { Analyzer, ROOT_SCOPE } from './analyzer.js';
import { parseScript } from './script-parser.js';
import { ShellSyntaxError } from './shell-syntax-error.js';
import type { ParseShellOptions, ShellParse } from './types.js';

const DEFAULT_MAX_DEPTH = 3;

/**
 * Parses a bash command line as an agent would write it and lists every simple command it
 * would run, at any depth (substitutions, bash -c, eval, wrappers, find -exec, interpreter
 * code), with its context. Unparseable input answers `{ ok: false }` with a code, a message and
 * the offset of the problem.
 */
export function parseShell(source: string, options: ParseShellOptions = {}): ShellParse {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 0) {
    throw new InvalidInputError(`maxDepth must be a whole number ≥ 0, got ${maxDepth}`, {
      maxDepth,
    });
  }
  const session = { scripts: [source] };
  try {
    const list = parseScript(source, 0, session);
    const analyzer = new Analyzer(session, maxDepth);
    analyzer.walkList(list, ROOT_SCOPE, []);
    return { ok: true, commands: analyzer.commands, scripts: session.scripts };
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return { ok: false, error: { code: error.code, message: error.message, offset: error.offset } };
  }
}
