/**
 * What the shell parser reports about a command line: every simple command it would run, at
 * any depth, in one flat list, with the words as the shell would see them after quote removal.
 *
 * Offsets (`start`, `end`) are UTF-16 indexes into `ShellParseSuccess.scripts[command.script]`:
 * script 0 is the input itself; a nested script (the string of `bash -c '…'`, an `eval`, a
 * heredoc fed to a shell, a command found in interpreter code) is parsed in place when its text
 * is a verbatim slice of its parent, so its offsets still point into the parent, and gets a
 * script of its own otherwise.
 */

/** How a literal piece of a word was written. */
export type Quoting =
  /** Plain unquoted characters. */
  | 'none'
  /** Inside '…'. */
  | 'single'
  /** Inside "…" (also $"…"). */
  | 'double'
  /** A backslash-escaped character outside quotes: `\;`. */
  | 'escape'
  /** Inside $'…', with its escapes decoded. */
  | 'ansi-c'
  /** The body of a heredoc. */
  | 'heredoc';

/** One piece of a word. `start`/`end` cover the source text that produced it. */
export type WordPart =
  | {
      kind: 'literal';
      /** The characters after quote removal. */
      text: string;
      quoting: Quoting;
      /** The content range, without the surrounding quote characters. */
      start: number;
      end: number;
    }
  | {
      /** A leading `~`, `~user`, `~+` or `~-` that the shell expands (see expandPath). */
      kind: 'tilde';
      text: string;
      start: number;
      end: number;
    }
  | {
      /** Unquoted pattern syntax the shell expands: `*`, `?`, `[`, `]`, extglob `@(…)`, brace expansion `{`, `,`, `..`, `}`. */
      kind: 'pattern';
      text: string;
      start: number;
      end: number;
    }
  | {
      /** `$NAME`, `${NAME}`, `$1`, `$@`, `${NAME:-x}` … */
      kind: 'parameter';
      /** The parameter's name (`HOME`, `1`, `@`). */
      name: string;
      /** The expansion as written: `$HOME`, `${HOME:-/tmp}`. */
      text: string;
      /** True for a bare `$NAME` or `${NAME}` with no operator, so its value is the variable's. */
      plain: boolean;
      /** Inside double quotes (no word splitting or globbing of the value). */
      quoted: boolean;
      start: number;
      end: number;
    }
  | {
      /** `$(…)` or a backquoted `…`. */
      kind: 'command-substitution';
      /** As written, including `$(`…`)` or the backquotes. */
      text: string;
      quoted: boolean;
      /** Indexes into `commands` of every command run inside it, at any depth. */
      commands: number[];
      start: number;
      end: number;
    }
  | {
      /** `$((…))`. */
      kind: 'arithmetic';
      text: string;
      quoted: boolean;
      start: number;
      end: number;
    }
  | {
      /** `<(…)` (the command's output is read) or `>(…)` (the command reads what is written). */
      kind: 'process-substitution';
      text: string;
      direction: 'input' | 'output';
      /** Indexes into `commands` of every command run inside it, at any depth. */
      commands: number[];
      start: number;
      end: number;
    };

/** A shell word: one argument after quote removal. */
export interface Word {
  /**
   * The word after quote removal. Expansions the parser cannot know stay as written
   * (`$HOME/x`, `$(date)`), so `text` alone never tells literal from dynamic: see `dynamic`.
   */
  text: string;
  /** Some part was quoted or escaped (`"rm"`, `\rm`, `''`). */
  quoted: boolean;
  /**
   * Part of the value is only known at run time: a parameter, command or process
   * substitution, arithmetic, or unquoted pattern syntax (see `glob`). A leading `~` is not
   * dynamic by itself; expandPath resolves it.
   */
  dynamic: boolean;
  /** Unquoted pattern characters the shell would expand: `*`, `?`, `[…]`, extglob, `{a,b}`. */
  glob: boolean;
  start: number;
  end: number;
  parts: WordPart[];
}

/** `NAME=value`, `NAME+=value`, `NAME=(a b)`. */
export interface Assignment {
  /** The name as written, including a subscript: `PATH`, `arr[0]`. */
  name: string;
  /** Written `+=`. */
  append: boolean;
  /** The value; null for an array assignment. */
  value: Word | null;
  /** The elements of `NAME=(…)`; null otherwise. */
  array: Word[] | null;
  /** Came from a wrapper's arguments (`env FOO=1 cmd`, `sudo FOO=1 cmd`), not a shell prefix. */
  fromWrapper: boolean;
  start: number;
  end: number;
}

export type RedirectOp =
  | '<'
  | '>'
  | '>>'
  | '>|'
  | '<>'
  | '&>'
  | '&>>'
  | '>&'
  | '<&'
  | '<<'
  | '<<-'
  | '<<<';

export interface Heredoc {
  /** The delimiter after quote removal (`EOF`). */
  delimiter: string;
  /** The delimiter was quoted (`<<'EOF'`, `<<"EOF"`, `<<\EOF`): the body is not expanded. */
  quoted: boolean;
  /** `<<-`: leading tabs were stripped from the body lines and the delimiter line. */
  stripTabs: boolean;
  /**
   * The body, every line with its newline. Quoted: one literal part. Unquoted: parameters,
   * `$(…)` and backquotes inside are parts like in a double-quoted word (and the commands of
   * those substitutions run, so they are in `commands`).
   */
  body: Word;
}

export interface Redirect {
  /** The file descriptor as written (`2>`); null when omitted: 0 for `<` forms, 1 for `>` forms, stdout and stderr for `&>`/`&>>`. */
  fd: number | null;
  op: RedirectOp;
  /** The file; the descriptor or `-` for `>&`/`<&`; the string of `<<<`; the delimiter word of a heredoc. */
  target: Word;
  /** The heredoc of `<<` and `<<-`; null for every other operator. */
  heredoc: Heredoc | null;
  /** Belongs to an enclosing compound command (`{ …; } > f`, `while …; done < f`), to the command whose nested script this command is in (`bash -c '…' > f`), or to the find of a `-exec`. */
  inherited: boolean;
  start: number;
  end: number;
}

/** Wrapper commands that run the command in their arguments. */
export type WrapperKind =
  | 'sudo'
  | 'doas'
  | 'pkexec'
  | 'su'
  | 'env'
  | 'nice'
  | 'ionice'
  | 'timeout'
  | 'nohup'
  | 'time'
  | 'command'
  | 'builtin'
  | 'exec'
  | 'stdbuf'
  | 'setsid'
  | 'busybox'
  | 'nocorrect'
  | 'noglob'
  | 'xargs'
  | 'watch'
  | 'flock'
  | 'parallel';

/**
 * One step of how a command was reached, outermost first:
 * - a wrapper kind: the command is the wrapper's argument (`sudo rm` → rm via sudo), or, for
 *   wrappers that hand a string to a shell (`watch 'cmd'`, `su -c 'cmd'`, `flock f -c 'cmd'`,
 *   `parallel 'cmd' ::: …`, `env -S 'cmd'`), a command of that string;
 * - `find-exec`: the command of a find `-exec`/`-execdir`/`-ok`/`-okdir` (find itself is also listed);
 * - `shell-c`: a command of the script given to `bash -c` (or sh, zsh, dash, ksh…);
 * - `eval`: a command of the string `eval` runs;
 * - `heredoc-shell`: a command of a heredoc or here-string fed to a shell;
 * - `piped-script`: a command of text that `echo` or `printf` pipes into a shell (`echo 'rm x' | sh`);
 * - `interpreter`: a shell command found in interpreter code (`os.system("…")`);
 * - `substitution`: inside `$(…)` or backquotes; `process-substitution`: inside `<(…)`/`>(…)`;
 * - `function`: inside a function definition's body (it runs when the function is called).
 */
export type ViaKind =
  | WrapperKind
  | 'find-exec'
  | 'shell-c'
  | 'eval'
  | 'heredoc-shell'
  | 'piped-script'
  | 'interpreter'
  | 'substitution'
  | 'process-substitution'
  | 'function';

export interface Via {
  kind: ViaKind;
  /** The words that did it, rendered: `sudo -u root`, `bash -lc`, `find . -exec`, `$(…)`, `python3 os.system`. */
  text: string;
}

/**
 * A working-directory change that applies before a command. Apply them in order to the call's
 * cwd with resolveWorkingDirectory; any `unknown` step means the directory cannot be known.
 */
export type DirectoryChange =
  /** `cd DIR`, `pushd DIR`, `sudo -D DIR`, `env -C DIR`. */
  | { kind: 'dir'; command: string; target: Word }
  /** `cd` alone: the home directory. */
  | { kind: 'home'; command: string }
  /** `cd -`: the previous directory. */
  | { kind: 'previous'; command: string }
  /** `popd`: back to the directory before the matching pushd. */
  | { kind: 'pop'; command: string }
  /** A change that cannot be followed: a cd in a branch or loop, after `||`, `find -execdir`, a function body. */
  | { kind: 'unknown'; command: string; reason: string };

export interface PipelinePosition {
  /** Shared by the commands of one pipeline; unique within a parse. */
  id: number;
  /** 0 for the first command; a command at index > 0 reads the output of the one before. */
  index: number;
  length: number;
}

export type ScriptLanguage = 'python' | 'node' | 'perl' | 'ruby' | 'php';

/** A call in interpreter code that runs a shell command. */
export interface ShellCall {
  /** How it was called: `os.system`, `subprocess.run`, `execSync`, `system`, `` ` `` … */
  callee: string;
  /**
   * The command line it runs: the string given, or an argument list rendered as a quoted
   * command line. Null when it is not a literal (built at run time), so it cannot be judged.
   */
  command: string | null;
}

/** Code handed to an interpreter on its command line or standard input. */
export interface InlineScript {
  language: ScriptLanguage;
  code: string;
  /** `argument` (`-c`, `-e`, `-r` …), `heredoc` (`python3 - <<EOF`), `here-string` (`<<<`), `pipe` (`echo CODE | python3`). */
  origin: 'argument' | 'heredoc' | 'here-string' | 'pipe';
  /** The code contains shell expansions (`python -c "$CODE"`), shown unexpanded in `code`. */
  dynamic: boolean;
  /** Shell commands the code runs; the literal ones are also parsed into `commands` (via `interpreter`). */
  shellCalls: ShellCall[];
}

export interface SimpleCommand {
  /** The command that runs, after wrappers are taken off (`sudo -E rm x` → `rm`); null for bare assignments or redirections (`FOO=1`, `> f`). */
  name: Word | null;
  /** The command's words, argv[0] being `name`; empty when `name` is null. */
  argv: Word[];
  /** The wrapper words written before argv on the same command line (`sudo -u root`, `env -i FOO=1`); empty when none. */
  prefixWords: Word[];
  /** Shell prefix assignments (`FOO=1 cmd`, bare `FOO=1`) and those passed by wrappers (`env FOO=1`). */
  assignments: Assignment[];
  /** Its own redirections, then inherited ones (marked `inherited`). */
  redirects: Redirect[];
  /** How it was reached, outermost first; empty for a plain top-level command. Shared between commands of one context. */
  via: readonly Via[];
  /** Runs with raised privileges: through sudo, doas, pkexec or su, at any level above it. */
  elevated: boolean;
  /** A wrapper adds arguments only known at run time: xargs, parallel, find -exec's `{}`. */
  extraArgs: boolean;
  /**
   * Its pipeline. A command alone in its pipeline inside a compound command or nested script
   * that is itself part of a longer pipeline takes that one (`curl x | (cd /tmp && sh)` → sh is
   * at index 1 of 2).
   */
  pipeline: PipelinePosition;
  /** Runs in the background (`&`), itself or through an enclosing list. */
  background: boolean;
  /** Directory changes that apply before it, in order (see resolveWorkingDirectory). Shared between commands of one context. */
  cdBefore: readonly DirectoryChange[];
  /** Code given to an interpreter (python -c, node -e, perl -e, ruby -e, php -r, or on stdin). */
  inlineScript: InlineScript | null;
  /** Nested scripts it is inside: 0 at top level, +1 per shell -c, eval, script fed to a shell's stdin, interpreter call or wrapper shell string. */
  depth: number;
  /** Index into `scripts` of the text its offsets refer to. */
  script: number;
  start: number;
  end: number;
}

export type ShellErrorCode =
  | 'unterminated_quote'
  | 'unterminated_substitution'
  | 'unbalanced'
  | 'unexpected_token'
  | 'missing_heredoc_terminator'
  | 'missing_redirect_target'
  | 'bad_substitution'
  | 'too_deep';

export interface ShellParseSuccess {
  ok: true;
  /** Every command at any depth, each listed before the commands found inside it. */
  commands: SimpleCommand[];
  /** The texts offsets refer to: [0] is the input, then nested scripts that needed their own text. */
  scripts: string[];
}

export interface ShellParseFailure {
  ok: false;
  error: {
    code: ShellErrorCode;
    message: string;
    /** Offset in the input; for an error inside a nested script with its own text, the start of the word that held it. */
    offset: number;
  };
}

export type ShellParse = ShellParseSuccess | ShellParseFailure;

export interface ParseShellOptions {
  /** How many nested scripts deep to follow (bash -c inside bash -c …); deeper fails with `too_deep`. Default 3. */
  maxDepth?: number;
}
