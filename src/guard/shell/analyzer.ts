import { directoryChangeOf } from './directory-changes.js';
import { inlineScriptOf } from './interpreters.js';
import { renderWords } from './render.js';
import { parseScript } from './script-parser.js';
import { ShellSyntaxError } from './shell-syntax-error.js';
import { isShell, shellScript } from './shells.js';
import { echoedText, redirectedInput, type StandardInput } from './standard-input.js';
import type {
  AndOrNode,
  CommandNode,
  CompoundNode,
  ListNode,
  PipelineNode,
  SimpleNode,
  SubstitutionNode,
} from './syntax-tree.js';
import type {
  Assignment,
  DirectoryChange,
  PipelinePosition,
  Redirect,
  SimpleCommand,
  Via,
  ViaKind,
  Word,
} from './types.js';
import type { ParseSession } from './word-reader.js';
import { commandName, WRAPPERS, type WrapperUse } from './wrappers.js';

type Directories = readonly DirectoryChange[];

/** The context a command list is walked in. */
interface Scope {
  script: number;
  depth: number;
  via: readonly Via[];
  elevated: boolean;
  /** Commands here get arguments only known at run time (a `parallel` command template). */
  extraArgs: boolean;
  background: boolean;
  /** The pipeline element this list sits in, taken by commands alone in their own pipeline. */
  pipeline: PipelinePosition | null;
  /** Redirections of enclosing compound commands or outer commands. */
  redirects: readonly Redirect[];
  /** Offset in the input to report for errors in a script with its own text. */
  anchor: number;
}

/** What the words of one simple command amount to before it is listed. */
interface CommandBase {
  assignments: Assignment[];
  redirects: Redirect[];
  via: readonly Via[];
  elevated: boolean;
  extraArgs: boolean;
  cdBefore: Directories;
  start: number;
  end: number;
}

const TIME_VIA: Via = { kind: 'time', text: 'time' };
const FIND_ACTIONS = new Set(['-exec', '-execdir', '-ok', '-okdir']);
const DIRECTORY_BUILTIN_WRAPPERS = new Set<ViaKind>(['command', 'builtin']);

export const ROOT_SCOPE: Scope = {
  script: 0,
  depth: 0,
  via: [],
  elevated: false,
  extraArgs: false,
  background: false,
  pipeline: null,
  redirects: [],
  anchor: 0,
};

function withUnknown(directories: Directories, command: string, reason: string): Directories {
  return [...directories, { kind: 'unknown', command, reason }];
}

function inherited(redirects: readonly Redirect[]): Redirect[] {
  return redirects.map((redirect) =>
    redirect.inherited ? redirect : { ...redirect, inherited: true },
  );
}

/** A wrapper's `NAME=value` argument as an assignment. */
function wrapperAssignment(word: Word): Assignment {
  const equals = word.text.indexOf('=');
  const value: Word = {
    ...word,
    text: word.text.slice(equals + 1),
    start: word.start + equals + 1,
    parts: word.parts.map((part, index) =>
      index === 0 && part.kind === 'literal'
        ? { ...part, text: part.text.slice(equals + 1), start: part.start + equals + 1 }
        : part,
    ),
  };
  return {
    name: word.text.slice(0, equals),
    append: false,
    value,
    array: null,
    fromWrapper: true,
    start: word.start,
    end: word.end,
  };
}

function isExit(pipeline: PipelineNode | undefined): boolean {
  const node = pipeline?.commands.length === 1 ? pipeline.commands[0] : undefined;
  const name = node?.type === 'simple' ? node.words[0]?.text : undefined;
  return name === 'exit' || name === 'return';
}

/** Walks the syntax tree and lists every simple command with its context. */
export class Analyzer {
  readonly commands: SimpleCommand[] = [];
  private pipelines = 0;

  constructor(
    private readonly session: ParseSession,
    private readonly maxDepth: number,
  ) {}

  /** Walks a list; returns the directory changes in force after it. */
  walkList(list: ListNode, scope: Scope, directories: Directories): Directories {
    let current = directories;
    for (const item of list.items) {
      if (item.background) this.walkAndOr(item.andOr, { ...scope, background: true }, current);
      else current = this.walkAndOr(item.andOr, scope, current);
    }
    return current;
  }

  /**
   * `a && b || c`: a cd applies to what follows it through `&&`; after a `||`, or when the cd
   * itself may have been skipped, the directory is unknown (except `cd x || exit`).
   */
  private walkAndOr(andOr: AndOrNode, scope: Scope, directories: Directories): Directories {
    let current = directories;
    let onlyAnd = true;
    let afterUnknown = false;
    for (let k = 0; k < andOr.pipelines.length; k++) {
      const entering = current;
      current = this.walkPipeline(andOr.pipelines[k] as PipelineNode, scope, entering);
      if (current !== entering) {
        if (!onlyAnd) {
          current = withUnknown(entering, 'cd', 'it may be skipped by the condition before it');
          afterUnknown = true;
        } else if (k > 0) {
          afterUnknown = true;
        }
      }
      if (andOr.operators[k] === '||') {
        onlyAnd = false;
        if (current !== directories && !isExit(andOr.pipelines[k + 1])) {
          current = withUnknown(directories, 'cd', 'it may have failed before ||');
          afterUnknown = true;
        }
      }
    }
    return afterUnknown
      ? withUnknown(directories, 'cd', 'it runs only under a condition')
      : current;
  }

  private walkPipeline(
    pipeline: PipelineNode,
    scope: Scope,
    directories: Directories,
  ): Directories {
    const id = ++this.pipelines;
    const length = pipeline.commands.length;
    const first = pipeline.timed ? { ...scope, via: [...scope.via, TIME_VIA] } : scope;
    if (length === 1) {
      const node = pipeline.commands[0] as CommandNode;
      return this.walkCommand(node, first, directories, scope.pipeline ?? { id, index: 0, length });
    }
    let piped: StandardInput | null = null;
    for (let index = 0; index < length; index++) {
      const position = { id, index, length };
      const node = pipeline.commands[index] as CommandNode;
      const listed = this.commands.length;
      const element = { ...(index === 0 ? first : scope), pipeline: position };
      this.walkCommand(node, element, directories, position, piped);
      // A simple command is listed first among the commands its element yields.
      piped = node.type === 'simple' ? echoedText(this.commands[listed]) : null;
    }
    return directories;
  }

  private walkCommand(
    node: CommandNode,
    scope: Scope,
    directories: Directories,
    position: PipelinePosition,
    piped: StandardInput | null = null,
  ): Directories {
    if (node.type === 'simple') return this.walkSimple(node, scope, directories, position, piped);
    if (node.type === 'function') {
      const body = {
        ...scope,
        via: [...scope.via, { kind: 'function' as const, text: `${node.name}()` }],
      };
      this.walkCommand(
        node.body,
        body,
        withUnknown(directories, node.name, 'a function body runs where the function is called'),
        position,
      );
      return directories;
    }
    return this.walkCompound(node, scope, directories);
  }

  private walkCompound(node: CompoundNode, scope: Scope, directories: Directories): Directories {
    this.walkSubstitutions(node.substitutions, scope, directories);
    const inner: Scope =
      node.redirects.length > 0
        ? { ...scope, redirects: [...inherited(node.redirects), ...scope.redirects] }
        : scope;
    switch (node.type) {
      case 'subshell':
        this.walkList(node.body, inner, directories);
        return directories;
      case 'group':
        return this.walkList(node.body, inner, directories);
      case 'if': {
        let conditions = directories;
        let changed = false;
        for (const branch of node.branches) {
          if (branch.condition) conditions = this.walkList(branch.condition, inner, conditions);
          changed = this.walkList(branch.body, inner, conditions) !== conditions || changed;
        }
        return changed || conditions !== directories
          ? withUnknown(directories, 'cd', 'it runs in a branch')
          : directories;
      }
      case 'loop': {
        const afterCondition = node.condition
          ? this.walkList(node.condition, inner, directories)
          : directories;
        const afterBody = this.walkList(node.body, inner, afterCondition);
        const changed = afterCondition !== directories || afterBody !== afterCondition;
        return changed ? withUnknown(directories, 'cd', 'it runs in a loop') : directories;
      }
      case 'case': {
        let changed = false;
        for (const branch of node.branches)
          changed = this.walkList(branch, inner, directories) !== directories || changed;
        return changed ? withUnknown(directories, 'cd', 'it runs in a case branch') : directories;
      }
      case 'expression':
        return directories;
    }
  }

  private walkSimple(
    node: SimpleNode,
    scope: Scope,
    directories: Directories,
    position: PipelinePosition,
    piped: StandardInput | null,
  ): Directories {
    const command = this.emit(
      node.words,
      {
        assignments: node.assignments,
        redirects:
          scope.redirects.length > 0 ? [...node.redirects, ...scope.redirects] : node.redirects,
        via: scope.via,
        elevated: scope.elevated,
        extraArgs: scope.extraArgs,
        cdBefore: directories,
        start: node.start,
        end: node.end,
      },
      scope,
      position,
      piped,
    );
    this.walkSubstitutions(node.substitutions, scope, directories);
    const name = command.name;
    if (!name || name.dynamic) return directories;
    const wrappers = command.via.slice(scope.via.length);
    if (!wrappers.every((via) => DIRECTORY_BUILTIN_WRAPPERS.has(via.kind))) return directories;
    const change = directoryChangeOf(name.text, command.argv);
    return change ? [...directories, change] : directories;
  }

  /**
   * Lists the command of `words` (wrappers taken off), then the commands nested in it. `piped`
   * is what the command before it in a pipeline is known to write (`echo …`).
   */
  private emit(
    words: readonly Word[],
    base: CommandBase,
    scope: Scope,
    position: PipelinePosition,
    piped: StandardInput | null,
  ): SimpleCommand {
    let via = base.via;
    let assignments = base.assignments;
    let cdBefore = base.cdBefore;
    let elevated = base.elevated;
    let extraArgs = base.extraArgs;
    let scriptUse: { use: WrapperUse; at: number } | null = null;
    let i = 0;
    while (i < words.length) {
      const word = words[i] as Word;
      const read = word.dynamic ? undefined : WRAPPERS.get(commandName(word.text));
      if (!read) break;
      const use = read(words, i);
      elevated ||= use.elevated;
      if (use.env.length > 0) assignments = [...assignments, ...use.env.map(wrapperAssignment)];
      if (use.chdir)
        cdBefore = [
          ...cdBefore,
          { kind: 'dir', command: commandName(word.text), target: use.chdir },
        ];
      if (use.inner === null) {
        if (use.script) scriptUse = { use, at: i };
        break;
      }
      extraArgs ||= use.extraArgs;
      via = [...via, { kind: use.kind, text: renderWords(words.slice(i, use.inner)) }];
      i = use.inner;
    }
    const argv = words.slice(i);
    const command: SimpleCommand = {
      name: argv[0] ?? null,
      argv,
      prefixWords: i === 0 ? [] : words.slice(0, i),
      assignments,
      redirects: base.redirects,
      via,
      elevated,
      extraArgs,
      pipeline: position,
      background: scope.background,
      cdBefore,
      inlineScript: null,
      depth: scope.depth,
      script: scope.script,
      start: base.start,
      end: base.end,
    };
    this.commands.push(command);
    if (scriptUse) {
      const { use, at } = scriptUse;
      const script = use.script as Word[];
      this.nested(
        script.map((word) => word.text).join(' '),
        script.length === 1 ? (script[0] as Word) : null,
        { kind: use.kind, text: renderWords(words.slice(at, use.scriptAt)) },
        scope,
        command,
        use.extraArgs,
      );
    } else if (command.name && !command.name.dynamic) {
      this.expandCommand(
        commandName(command.name.text),
        command,
        scope,
        redirectedInput(command.redirects) ?? piped,
      );
    }
    return command;
  }

  /** Nested commands by command name: shells, eval, find -exec, interpreters. `input` is its known standard input. */
  private expandCommand(
    name: string,
    command: SimpleCommand,
    scope: Scope,
    input: StandardInput | null,
  ): void {
    const { argv } = command;
    if (isShell(name)) {
      const source = shellScript(argv);
      if (source?.from === 'argument') {
        const text = renderWords(argv.slice(0, source.at));
        this.nested(source.word.text, source.word, { kind: 'shell-c', text }, scope, command);
      } else if (source?.from === 'stdin' && input) {
        const shell = renderWords(argv);
        const via: Via =
          input.origin === 'pipe'
            ? { kind: 'piped-script', text: `${input.label} | ${shell}` }
            : { kind: 'heredoc-shell', text: `${shell} ${input.label}` };
        this.nested(input.text, input.word, via, scope, command);
      }
    } else if (name === 'eval') {
      const args = argv.slice(1);
      if (args.length > 0) {
        const text = args.map((word) => word.text).join(' ');
        this.nested(
          text,
          args.length === 1 ? (args[0] as Word) : null,
          { kind: 'eval', text: 'eval' },
          scope,
          command,
        );
      }
    } else if (name === 'find') {
      this.emitFindActions(command, scope);
    } else {
      const inline = inlineScriptOf(name, argv, input);
      if (!inline) return;
      command.inlineScript = inline;
      for (const call of inline.shellCalls) {
        if (call.command === null) continue;
        const text = `${renderWords(argv.slice(0, 1))} ${call.callee}`;
        this.nested(call.command, null, { kind: 'interpreter', text }, scope, command);
      }
    }
  }

  /** The commands of find's `-exec CMD … ;` (also `-execdir`, `-ok`, `-okdir`, and `{} +`). */
  private emitFindActions(find: SimpleCommand, scope: Scope): void {
    const { argv } = find;
    for (let i = 1; i < argv.length; i++) {
      const action = (argv[i] as Word).text;
      if (!FIND_ACTIONS.has(action)) continue;
      let end = i + 1;
      while (end < argv.length) {
        const text = (argv[end] as Word).text;
        if (text === ';' || (text === '+' && argv[end - 1]?.text === '{}')) break;
        end++;
      }
      const words = argv.slice(i + 1, end);
      if (words.length > 0) {
        const first = words[0] as Word;
        const last = words[words.length - 1] as Word;
        const cdBefore = action.endsWith('dir')
          ? withUnknown(
              find.cdBefore,
              `find ${action}`,
              'it runs in the directory of each file found',
            )
          : find.cdBefore;
        this.emit(
          words,
          {
            assignments: [],
            redirects: inherited(find.redirects),
            via: [
              ...find.via,
              {
                kind: 'find-exec',
                text: renderWords([...find.prefixWords, ...argv.slice(0, i + 1)]),
              },
            ],
            elevated: find.elevated,
            extraArgs: true,
            cdBefore,
            start: first.start,
            end: last.end,
          },
          scope,
          find.pipeline,
          null,
        );
      }
      i = end;
    }
  }

  private walkSubstitutions(
    substitutions: readonly SubstitutionNode[],
    scope: Scope,
    directories: Directories,
  ): void {
    for (const { part, body, script } of substitutions) {
      const first = this.commands.length;
      const kind = part.kind === 'command-substitution' ? 'substitution' : 'process-substitution';
      this.walkList(
        body,
        {
          ...scope,
          script,
          via: [...scope.via, { kind, text: part.text }],
          pipeline: null,
          redirects: [],
          anchor: script !== scope.script && scope.script === 0 ? part.start : scope.anchor,
        },
        directories,
      );
      for (let index = first; index < this.commands.length; index++) part.commands.push(index);
    }
  }

  /**
   * Parses `text`, run by `command` as a script, and lists its commands one level deeper. When
   * `anchor`'s single literal part is a verbatim slice of the current script, it is parsed in
   * place so offsets still point into that script.
   */
  private nested(
    text: string,
    anchor: Word | null,
    via: Via,
    scope: Scope,
    command: SimpleCommand,
    extraArgs = false,
  ): void {
    const depth = scope.depth + 1;
    const at = anchor?.start ?? command.start;
    const anchorOffset = scope.script === 0 ? at : scope.anchor;
    if (depth > this.maxDepth) {
      throw new ShellSyntaxError(
        'too_deep',
        `nested scripts deeper than ${this.maxDepth} levels (${via.text})`,
        anchorOffset,
      );
    }
    const part = anchor?.parts.length === 1 ? anchor.parts[0] : undefined;
    const current = this.session.scripts[scope.script] as string;
    const inPlace = part?.kind === 'literal' && current.slice(part.start, part.end) === text;
    const script = inPlace ? scope.script : this.session.scripts.push(text) - 1;
    let list: ListNode;
    try {
      list = inPlace
        ? parseScript(current, script, this.session, part.start, part.end)
        : parseScript(text, script, this.session);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError) || script === 0) throw error;
      throw new ShellSyntaxError(
        error.code,
        `in the script run by ${via.text}: ${error.message}`,
        anchorOffset,
      );
    }
    const inner: Scope = {
      script,
      depth,
      via: [...command.via, via],
      elevated: command.elevated,
      extraArgs,
      background: command.background,
      pipeline: command.pipeline,
      redirects: inherited(command.redirects),
      anchor: anchorOffset,
    };
    this.walkList(list, inner, command.cdBefore);
  }
}
