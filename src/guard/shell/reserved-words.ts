/** Bash's reserved words: special only where a command name could stand. */
export const BASH_RESERVED_WORDS: readonly string[] = [
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'do',
  'done',
  'case',
  'esac',
  'while',
  'until',
  'for',
  'select',
  'function',
  'time',
  'in',
];
