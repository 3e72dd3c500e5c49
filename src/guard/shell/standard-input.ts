import { decodeAnsiC } from './ansi-c.js';
import type { Redirect, SimpleCommand, Word } from './types.js';
import { commandName } from './wrappers.js';

/** Text a command reads on standard input, when the command line shows it. */
export interface StandardInput {
  text: string;
  /** The word that holds exactly this text, when there is one (its offsets locate it). */
  word: Word | null;
  origin: 'heredoc' | 'here-string' | 'pipe';
  dynamic: boolean;
  /** How it arrives, for `via`: `<<EOF`, `<<<`, or the feeding command (`echo …`). */
  label: string;
}

const ECHO_FLAGS = /^-[neE]+$/;

/** The heredoc or here-string a command reads on standard input, if any (the last one wins). */
export function redirectedInput(redirects: readonly Redirect[]): StandardInput | null {
  let found: StandardInput | null = null;
  for (const redirect of redirects) {
    if (redirect.inherited || (redirect.fd !== null && redirect.fd !== 0)) continue;
    const { heredoc } = redirect;
    if (heredoc) {
      const body = heredoc.body;
      found = {
        text: body.text,
        word: body,
        origin: 'heredoc',
        dynamic: body.dynamic,
        label: `<<${heredoc.delimiter}`,
      };
    } else if (redirect.op === '<<<') {
      const target = redirect.target;
      found = {
        text: target.text,
        word: target,
        origin: 'here-string',
        dynamic: target.dynamic,
        label: '<<<',
      };
    } else if (redirect.op === '<' || redirect.op === '<>' || redirect.op === '<&') {
      found = null;
    }
  }
  return found;
}

/**
 * What `echo …` or `printf FORMAT` writes, for the command it is piped into
 * (`echo 'rm -rf x' | sh`). Null for any other command or a printf with arguments.
 */
export function echoedText(command: SimpleCommand | undefined): StandardInput | null {
  const name = command?.name;
  if (!command || !name || name.dynamic) return null;
  const program = commandName(name.text);
  const args = command.argv.slice(1);
  if (program === 'echo') {
    let first = 0;
    let escapes = false;
    for (; first < args.length && ECHO_FLAGS.test((args[first] as Word).text); first++) {
      const flags = (args[first] as Word).text;
      if (flags.includes('e')) escapes = true;
      if (flags.includes('E')) escapes = false;
    }
    const words = args.slice(first);
    const joined = words.map((word) => word.text).join(' ');
    return {
      text: escapes ? decodeAnsiC(joined) : joined,
      word: words.length === 1 && !escapes ? (words[0] as Word) : null,
      origin: 'pipe',
      dynamic: words.some((word) => word.dynamic),
      label: 'echo',
    };
  }
  if (program === 'printf' && args.length === 1) {
    const format = args[0] as Word;
    return {
      text: decodeAnsiC(format.text).replaceAll('%%', '%'),
      word: null,
      origin: 'pipe',
      dynamic: format.dynamic,
      label: 'printf',
    };
  }
  return null;
}
