import { findShellCalls } from './embedded-calls.js';
import { tailWord } from './option-scanner.js';
import type { StandardInput } from './standard-input.js';
import type { InlineScript, ScriptLanguage, Word } from './types.js';

/** Which options of an interpreter carry code, take a value, or mean the program is elsewhere. */
interface InterpreterOptions {
  /** Short options whose value is code (`-c`, `-e`). */
  code: string;
  /** The code may be attached to its option (`-cCODE`); node only takes it as the next word (`-pe CODE`). */
  codeAttached: boolean;
  /** Short options meaning the program is not given inline (`python -m`). */
  elsewhere: string;
  /** Short options taking a value (attached or the next word). */
  valued: string;
  /** Short options whose value is the attached rest of the word (`perl -i.bak`). */
  attached: string;
  longCode: readonly string[];
  longValued: readonly string[];
}

const OPTIONS: Record<ScriptLanguage, InterpreterOptions> = {
  python: {
    code: 'c',
    codeAttached: true,
    elsewhere: 'm',
    valued: 'WXQ',
    attached: '',
    longCode: [],
    longValued: [],
  },
  node: {
    code: 'ep',
    codeAttached: false,
    elsewhere: '',
    valued: 'r',
    attached: '',
    longCode: ['--eval', '--print'],
    longValued: ['--require', '--import', '--loader', '--experimental-loader'],
  },
  perl: {
    code: 'eE',
    codeAttached: true,
    elsewhere: '',
    valued: '',
    attached: 'iIMmlx0dDC',
    longCode: [],
    longValued: [],
  },
  ruby: {
    code: 'e',
    codeAttached: true,
    elsewhere: '',
    valued: 'rICE',
    attached: '',
    longCode: [],
    longValued: [],
  },
  php: {
    code: 'rBRE',
    codeAttached: true,
    elsewhere: 'f',
    valued: 'dcz',
    attached: '',
    longCode: [],
    longValued: [],
  },
};

/** The language of an interpreter command name, or null. */
export function interpreterLanguage(name: string): ScriptLanguage | null {
  switch (name.charAt(0)) {
    case 'p':
      if (name.startsWith('python')) return /^python[0-9.]*$/.test(name) ? 'python' : null;
      if (name === 'pypy' || name === 'pypy3') return 'python';
      if (name.startsWith('perl')) return /^perl[0-9.]*$/.test(name) ? 'perl' : null;
      return name.startsWith('php') && /^php[0-9.]*$/.test(name) ? 'php' : null;
    case 'n':
      return name === 'node' || name === 'nodejs' ? 'node' : null;
    case 'b':
      return name === 'bun' ? 'node' : null;
    case 'r':
      return name === 'ruby' ? 'ruby' : null;
    default:
      return null;
  }
}

/** The code words on an interpreter's command line; 'stdin' when it reads its program from standard input; null when it runs a file or module. */
function codeWords(argv: readonly Word[], options: InterpreterOptions): Word[] | 'stdin' | null {
  const code: Word[] = [];
  const take = (word: Word | undefined) => {
    if (word) code.push(word);
  };
  let i = 1;
  while (i < argv.length) {
    const word = argv[i] as Word;
    const text = word.text;
    if (text === '--') {
      i++;
      break;
    }
    if (text === '-') return code.length > 0 ? code : 'stdin';
    if (word.dynamic || text.length < 2 || !text.startsWith('-')) break;
    i++;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      const name = equals === -1 ? text : text.slice(0, equals);
      if (options.longCode.includes(name))
        take(equals === -1 ? argv[i++] : tailWord(word, equals + 1));
      else if (equals === -1 && options.longValued.includes(name)) i++;
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const letter = text.charAt(k);
      const attached = k + 1 < text.length;
      if (options.code.includes(letter)) {
        take(attached && options.codeAttached ? tailWord(word, k + 1) : argv[i++]);
        break;
      }
      if (options.elsewhere.includes(letter)) return null;
      if (options.valued.includes(letter)) {
        if (!attached) i++;
        break;
      }
      if (options.attached.includes(letter)) break;
    }
  }
  if (code.length > 0) return code;
  return i >= argv.length ? 'stdin' : null;
}

/**
 * The code an interpreter command runs when it is given inline: `python3 -c CODE`,
 * `node -e CODE`, `perl -e CODE` (several joined by newlines), `deno eval CODE`, or what it
 * reads on standard input (a heredoc, a here-string, `echo … |`). Null when it runs a file, a
 * module, or nothing known.
 */
export function inlineScriptOf(
  name: string,
  argv: readonly Word[],
  input: StandardInput | null,
): InlineScript | null {
  const language =
    name === 'deno' ? (argv[1]?.text === 'eval' ? 'node' : null) : interpreterLanguage(name);
  if (!language) return null;
  const found = name === 'deno' ? argv.slice(2, 3) : codeWords(argv, OPTIONS[language]);
  if (found === null || found.length === 0) return null;
  let script: Pick<InlineScript, 'code' | 'dynamic' | 'origin'>;
  if (found === 'stdin') {
    if (!input) return null;
    script = { code: input.text, dynamic: input.dynamic, origin: input.origin };
  } else {
    const code = found.map((word) => word.text).join('\n');
    script = { code, dynamic: found.some((word) => word.dynamic), origin: 'argument' };
  }
  return { language, ...script, shellCalls: findShellCalls(language, script.code) };
}
