import { BASH_RESERVED_WORDS } from './reserved-words.js';
import { quoteShellWord } from './shell-quote.js';
import type { ScriptLanguage, ShellCall } from './types.js';

/** How one language writes strings, comments and the calls that run shell commands. */
interface CodeSyntax {
  hashComments: boolean;
  slashComments: boolean;
  /** How `"…"` strings interpolate: `$name` (perl, php), `#{…}` (ruby), none (python, js). */
  interpolation: 'dollar' | 'hash' | 'none';
  /** Backquotes run a shell command (perl, ruby, php); in js they are template strings. */
  backquoteRunsShell: boolean;
  /** Calls may omit parentheses: `system "…"`. */
  bareCalls: boolean;
  /** Callees by dotted name (`os.system`) or bare name (`system`). */
  callees: ReadonlySet<string>;
}

const PYTHON_CALLS = [
  'os.system',
  'os.popen',
  'system',
  'popen',
  'commands.getoutput',
  'pty.spawn',
  ...['run', 'call', 'check_call', 'check_output', 'Popen', 'getoutput', 'getstatusoutput'].flatMap(
    (name) => [name, `subprocess.${name}`],
  ),
];

const NODE_CALLS = ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync'];
const NODE_MODULES = ['child_process', 'cp', 'childProcess', 'proc', 'Bun'];

const SYNTAX: Record<ScriptLanguage, CodeSyntax> = {
  python: {
    hashComments: true,
    slashComments: false,
    interpolation: 'none',
    backquoteRunsShell: false,
    bareCalls: false,
    callees: new Set(PYTHON_CALLS),
  },
  node: {
    hashComments: false,
    slashComments: true,
    interpolation: 'none',
    backquoteRunsShell: false,
    bareCalls: false,
    callees: new Set([
      ...NODE_CALLS,
      ...NODE_MODULES.flatMap((module) => NODE_CALLS.map((name) => `${module}.${name}`)),
    ]),
  },
  perl: {
    hashComments: true,
    slashComments: false,
    interpolation: 'dollar',
    backquoteRunsShell: true,
    bareCalls: true,
    callees: new Set(['system', 'exec', 'readpipe']),
  },
  ruby: {
    hashComments: true,
    slashComments: false,
    interpolation: 'hash',
    backquoteRunsShell: true,
    bareCalls: true,
    callees: new Set([
      'system',
      'exec',
      'spawn',
      'Kernel.system',
      'Kernel.exec',
      'Process.spawn',
      'IO.popen',
      'Open3.capture2',
      'Open3.capture2e',
      'Open3.capture3',
      'Open3.popen2',
      'Open3.popen2e',
      'Open3.popen3',
    ]),
  },
  php: {
    hashComments: true,
    slashComments: true,
    interpolation: 'dollar',
    backquoteRunsShell: true,
    bareCalls: false,
    callees: new Set(['system', 'exec', 'shell_exec', 'passthru', 'popen', 'proc_open']),
  },
};

const AMBIGUOUS_BARE_NAMES = new Set(['run', 'call', 'exec', 'spawn', 'system', 'popen']);

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** A string literal read from code; `value` is null when it interpolates run-time values. */
interface CodeString {
  value: string | null;
  end: number;
}

type Argument = { string: string | null } | { list: string[] | null } | null;

function isIdentifierStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

function isIdentifierChar(code: number): boolean {
  return isIdentifierStart(code) || (code >= 48 && code <= 57);
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Finds literal strings and the shell-running calls in interpreter code, skipping comments and strings. */
class CodeScanner {
  private pos = 0;
  readonly calls: ShellCall[] = [];

  constructor(
    private readonly code: string,
    private readonly language: ScriptLanguage,
    private readonly syntax: CodeSyntax,
  ) {}

  scan(): ShellCall[] {
    const code = this.code;
    while (this.pos < code.length) {
      const c = code.charCodeAt(this.pos);
      const ch = code.charAt(this.pos);
      if (
        (ch === '#' && this.syntax.hashComments) ||
        (ch === '/' && this.syntax.slashComments && code.charAt(this.pos + 1) === '/')
      ) {
        const newline = code.indexOf('\n', this.pos);
        this.pos = newline === -1 ? code.length : newline;
      } else if (ch === '/' && this.syntax.slashComments && code.charAt(this.pos + 1) === '*') {
        const close = code.indexOf('*/', this.pos + 2);
        this.pos = close === -1 ? code.length : close + 2;
      } else if (ch === '`' && this.syntax.backquoteRunsShell) {
        const command = this.readString('', '`', true);
        if (!command) break;
        this.calls.push({ callee: '`', command: command.value });
        this.pos = command.end;
      } else if (ch === '"' || ch === "'" || ch === '`') {
        const skipped = this.readString('', ch, ch !== "'");
        if (!skipped) break;
        this.pos = skipped.end;
      } else if (ch === '%' && this.language === 'ruby') {
        this.readRubyPercent();
      } else if (isIdentifierStart(c)) {
        this.readIdentifier();
      } else {
        this.pos++;
      }
    }
    return this.calls;
  }

  private readIdentifier(): void {
    const code = this.code;
    const start = this.pos;
    let end = start;
    while (end < code.length) {
      while (end < code.length && isIdentifierChar(code.charCodeAt(end))) end++;
      if (code.charAt(end) !== '.' || !isIdentifierStart(code.charCodeAt(end + 1))) break;
      end++;
    }
    const name = code.slice(start, end);
    this.pos = end;
    const next = code.charAt(end);
    const quoted = next === '"' || next === "'";
    if (this.language === 'python' && quoted && name.length <= 2 && /^[rRbBuUfF]+$/.test(name)) {
      this.pos = start;
      const skipped = this.readString(name, next, true);
      this.pos = skipped ? skipped.end : code.length;
      return;
    }
    if (this.language === 'perl' && (name === 'qx' || name === 'q' || name === 'qq')) {
      this.readPerlQuoteLike(name);
      return;
    }
    if (this.language === 'perl' && code.charAt(start - 1) === '$') return;
    const afterDot = code.charAt(start - 1) === '.';
    if (!this.isCallee(name, afterDot)) return;
    const args = this.readArguments();
    if (!args) return;
    const command = commandOf(args);
    // Generic bare names (`run`, `call`, `exec`) are often other functions: count them only when literal.
    const ambiguous =
      !afterDot &&
      AMBIGUOUS_BARE_NAMES.has(name) &&
      (this.language === 'python' || this.language === 'node');
    if (command !== null || !ambiguous) this.calls.push({ callee: name, command });
  }

  /** A callee by its full dotted name; after `require('child_process').` only the method name is known. */
  private isCallee(name: string, afterDot: boolean): boolean {
    if (!afterDot) return this.syntax.callees.has(name);
    return this.language === 'node' && NODE_CALLS.includes(name);
  }

  /** The literal arguments of a call at `pos` (after the callee); null when it is not a call. */
  private readArguments(): Argument[] | null {
    const code = this.code;
    this.skipSpaces(false);
    const parenthesized = code.charAt(this.pos) === '(';
    if (parenthesized) this.pos++;
    else if (!this.syntax.bareCalls) return null;
    const args: Argument[] = [];
    while (args.length < 8) {
      this.skipSpaces(parenthesized);
      const arg = this.readArgument();
      args.push(arg);
      if (arg === null) break;
      this.skipSpaces(parenthesized);
      if (code.charAt(this.pos) !== ',') break;
      this.pos++;
    }
    return args;
  }

  private readArgument(): Argument {
    const code = this.code;
    const ch = code.charAt(this.pos);
    if (ch === '[') {
      this.pos++;
      const list: string[] = [];
      for (;;) {
        this.skipSpaces(true);
        if (code.charAt(this.pos) === ']') {
          this.pos++;
          return { list };
        }
        const element = this.readLiteral();
        if (element === undefined || element === null) return { list: null };
        list.push(element);
        this.skipSpaces(true);
        if (code.charAt(this.pos) === ',') this.pos++;
      }
    }
    const text = this.readLiteral();
    return text === undefined ? null : { string: text };
  }

  /** A string literal (adjacent python literals and js `+` joins concatenated); undefined when none is here. */
  private readLiteral(): string | null | undefined {
    const code = this.code;
    let value: string | null | undefined;
    for (;;) {
      const prefix =
        this.language === 'python'
          ? (/^[rRbBuUfF]{0,2}/.exec(code.slice(this.pos, this.pos + 2))?.[0] ?? '')
          : '';
      const quote = code.charAt(this.pos + prefix.length);
      if (quote !== '"' && quote !== "'" && !(quote === '`' && this.language === 'node'))
        return value;
      const read = this.readString(
        prefix,
        quote,
        quote !== "'" || this.language === 'python' || this.language === 'node',
      );
      if (!read) return value === undefined ? null : value;
      this.pos = read.end;
      value =
        value === undefined
          ? read.value
          : value === null || read.value === null
            ? null
            : value + read.value;
      this.skipSpaces(true);
      if (this.language === 'node' && code.charAt(this.pos) === '+') {
        this.pos++;
        this.skipSpaces(true);
      }
    }
  }

  private skipSpaces(newlines: boolean): void {
    const code = this.code;
    while (this.pos < code.length) {
      const ch = code.charAt(this.pos);
      if (ch === ' ' || ch === '\t' || (newlines && (ch === '\n' || ch === '\r'))) this.pos++;
      else return;
    }
  }

  /**
   * A string literal at `pos`: `prefix` (python's r, b, f …), then `quote`. `escapes` decodes backslash
   * escapes (otherwise only `\\` and an escaped quote, as in perl, ruby and php single quotes).
   */
  private readString(prefix: string, quote: string, escapes: boolean): CodeString | null {
    const code = this.code;
    let at = this.pos + prefix.length;
    const triple = this.language === 'python' && code.startsWith(quote.repeat(3), at);
    const closer = triple ? quote.repeat(3) : quote;
    at += closer.length;
    const raw = prefix !== '' && /[rR]/.test(prefix);
    const formatted =
      (prefix !== '' && /[fF]/.test(prefix)) || (quote === '`' && this.language === 'node');
    const interpolates = quote !== "'" && !formatted && this.syntax.interpolation !== 'none';
    let value = '';
    let dynamic = false;
    let run = at;
    while (at < code.length) {
      if (code.startsWith(closer, at)) {
        value += code.slice(run, at);
        return { value: dynamic ? null : value, end: at + closer.length };
      }
      const ch = code.charAt(at);
      if (ch === '\n' && !triple && this.language === 'python') return null;
      if (ch === '\\' && at + 1 < code.length) {
        const next = code.charAt(at + 1);
        if (raw || (!escapes && next !== '\\' && next !== quote)) {
          at += 2;
          continue;
        }
        value +=
          code.slice(run, at) +
          (ESCAPES[next] ?? (escapes && !/[\\'"`$#{}]/.test(next) ? `\\${next}` : next));
        at += 2;
        run = at;
        continue;
      }
      if (
        formatted &&
        ((ch === '{' && code.charAt(at + 1) !== '{' && quote !== '`') ||
          (ch === '$' && code.charAt(at + 1) === '{'))
      ) {
        dynamic = true;
      }
      if (interpolates && this.interpolationAt(at)) dynamic = true;
      at++;
    }
    return null;
  }

  private interpolationAt(at: number): boolean {
    const ch = this.code.charAt(at);
    const next = this.code.charCodeAt(at + 1);
    if (this.syntax.interpolation === 'hash') return ch === '#' && this.code.charAt(at + 1) === '{';
    return (
      (ch === '$' || (ch === '@' && this.language === 'perl')) &&
      (isIdentifierStart(next) || next === 123)
    );
  }

  /** Perl `qx{…}` runs a command; `q(…)`/`qq(…)` are strings. */
  private readPerlQuoteLike(name: string): void {
    const content = this.readDelimited(this.pos);
    if (!content) return;
    if (name === 'qx') {
      const dynamic = /[$@][A-Za-z_{]/.test(content.text);
      this.calls.push({ callee: 'qx', command: dynamic ? null : content.text });
    }
    this.pos = content.end;
  }

  /** Ruby `%x(…)` runs a command; `%q(…)`, `%Q(…)`, `%w(…)`, `%(…)` are strings. */
  private readRubyPercent(): void {
    const kind = this.code.charAt(this.pos + 1);
    const content = /[xqQwWiI]/.test(kind) ? this.readDelimited(this.pos + 2) : null;
    if (!content) {
      this.pos++;
      return;
    }
    if (kind === 'x')
      this.calls.push({ callee: '%x', command: content.text.includes('#{') ? null : content.text });
    this.pos = content.end;
  }

  /** Text between a delimiter at `at` and its closing partner (brackets nest). */
  private readDelimited(at: number): { text: string; end: number } | null {
    const open = this.code.charAt(at);
    if (open === '' || /[\s\w]/.test(open)) return null;
    const close = CLOSING[open] ?? open;
    let depth = 0;
    for (let i = at + 1; i < this.code.length; i++) {
      const ch = this.code.charAt(i);
      if (ch === '\\') i++;
      else if (ch === open && close !== open) depth++;
      else if (ch === close && depth-- === 0)
        return { text: this.code.slice(at + 1, i), end: i + 1 };
    }
    return null;
  }
}

/** The command line a call runs, from its literal arguments; null when it is not literal. */
function commandOf(args: Argument[]): string | null {
  const [first, second] = args;
  if (!first) return null;
  if ('list' in first) return first.list ? argvCommand(first.list) : null;
  if (first.string === null) return null;
  if (second && 'list' in second)
    return second.list ? argvCommand([first.string, ...second.list]) : null;
  if (second && second.string !== null) {
    const strings: string[] = [];
    for (const arg of args) {
      if (!arg || !('string' in arg) || arg.string === null) break;
      strings.push(arg.string);
    }
    return argvCommand(strings);
  }
  return first.string;
}

/** Quoted so that the program name cannot read as an assignment or a reserved word. */
const PLAIN_PROGRAM = /^[A-Za-z0-9_./-]+$/;
const RESERVED_PROGRAMS = new Set<string>(BASH_RESERVED_WORDS);

function argvCommand(argv: string[]): string | null {
  if (argv.length === 0) return null;
  return argv
    .map((arg, index) =>
      quoteShellWord(arg, index === 0 && (!PLAIN_PROGRAM.test(arg) || RESERVED_PROGRAMS.has(arg))),
    )
    .join(' ');
}

/** Calls in `code` that run a shell command: `os.system("…")`, `execSync('…')`, `` `…` `` … */
export function findShellCalls(language: ScriptLanguage, code: string): ShellCall[] {
  return new CodeScanner(code, language, SYNTAX[language]).scan();
}
