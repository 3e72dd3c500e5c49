import type { Word } from './types.js';

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'posh']);

/** Long options of bash that take the next word as their value. */
const VALUED_LONG = new Set(['--rcfile', '--init-file']);

export function isShell(name: string): boolean {
  return SHELLS.has(name);
}

/** Where a shell invocation takes its script from. */
export type ShellScript =
  /** `bash -c SCRIPT`: the word, and the index of the first word after the shell's own. */
  | { from: 'argument'; word: Word; at: number }
  /** No script file and no -c: standard input (`bash`, `bash -s`, `bash -`). */
  | { from: 'stdin' }
  /** A script file or nothing runnable. */
  | null;

/** Reads a shell's options (`-lc`, `-o pipefail`, `--norc`, `-s`) to find where its script comes from. */
export function shellScript(argv: readonly Word[]): ShellScript {
  let command = false;
  let stdin = false;
  let i = 1;
  while (i < argv.length) {
    const text = (argv[i] as Word).text;
    const sign = text.charAt(0);
    if (text === '-' || text === '--') {
      i++;
      break;
    }
    if ((sign !== '-' && sign !== '+') || text.length < 2) break;
    i++;
    if (text.startsWith('--')) {
      if (VALUED_LONG.has(text)) i++;
      continue;
    }
    for (const letter of text.slice(1)) {
      if (letter === 'c') command = true;
      else if (letter === 's') stdin = true;
      else if (letter === 'o' || letter === 'O') i++;
    }
  }
  if (command) {
    const word = argv[i];
    return word ? { from: 'argument', word, at: i } : null;
  }
  return stdin || i >= argv.length ? { from: 'stdin' } : null;
}
