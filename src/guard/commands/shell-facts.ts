import path from 'node:path';
import { type Locations, normalAbsolute, resolveFrom } from '../paths/locations.js';
import type { Access } from '../rules/rule-types.js';
import type { PathEffect } from '../rules/subjects.js';
import { type CommandSpec, commandSpec, type PathRole } from './command-specs.js';
import type { CommandView, RedirectView, ShellWord } from './command-view.js';
import { analyzePush, type PushAnalysis } from './git-push.js';
import { type ParsedArgs, parseArgs } from './parse-args.js';

export interface Script {
  language: string;
  code: string;
}

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

/** `>&file` sends both outputs to a file; `>&2` and `>&-` only juggle descriptors. */
function writesFile(redirect: RedirectView): boolean {
  if (WRITE_REDIRECTS.has(redirect.op)) return true;
  return redirect.op === '>&' && !/^(?:\d+|-)$/.test(redirect.target.text);
}
const STDIN_BODIES = new Set(['<<', '<<-', '<<<']);
const WHOLE_DIRECTORY_GLOBS = new Set(['*', '.*', '*.*', '**', '{*,.*}', '{.*,*}', '.[!.]*']);
const ECHOES = new Set(['echo', 'printf', 'cat']);

/** A last segment that is only wildcards stands for everything in its directory. */
function stripWholeDirectoryGlob(text: string): string {
  const slash = text.lastIndexOf('/');
  const last = text.slice(slash + 1);
  if (!WHOLE_DIRECTORY_GLOBS.has(last)) return text;
  if (slash === -1) return '.';
  return slash === 0 ? '/' : text.slice(0, slash);
}

/** What a shell call does, worked out lazily per command and shared by every rule. */
export class ShellFacts {
  readonly commands: CommandFacts[];

  constructor(
    views: readonly CommandView[],
    readonly at: Locations,
  ) {
    this.commands = views.map((view) => new CommandFacts(view, this));
  }

  /** Files written by downloaders (curl -o, wget, curl > file) before the given command. */
  downloadsBefore(index: number): Set<string> {
    const downloads = new Set<string>();
    for (const command of this.commands.slice(0, index)) {
      for (const file of command.downloads) downloads.add(file);
    }
    return downloads;
  }
}

export class CommandFacts {
  readonly spec: CommandSpec;
  private parsedArgs: ParsedArgs | undefined;
  private effectList: PathEffect[] | undefined;
  private scriptList: Script[] | undefined;
  private pushes = new Map<number, PushAnalysis>();

  constructor(
    readonly view: CommandView,
    readonly call: ShellFacts,
  ) {
    this.spec = commandSpec(view.name);
  }

  get parsed(): ParsedArgs {
    this.parsedArgs ??= parseArgs(this.arguments(), this.spec);
    return this.parsedArgs;
  }

  /**
   * The arguments, with the `{}` of a find -exec standing for files below find's starting
   * points: `find /etc -exec rm {} +` removes files under /etc.
   */
  private arguments(): readonly ShellWord[] {
    const args = this.view.args;
    if (!this.view.via.includes('find-exec') || !args.some((word) => word.text === '{}'))
      return args;
    const find = this.call.commands
      .slice(0, this.view.index)
      .reverse()
      .find((command) => command.view.name === 'find');
    const starts = (find?.parsed.positionals ?? []).map((word) => find?.resolvePath(word) ?? null);
    const found = (start: string | null): ShellWord =>
      start === null
        ? { text: '{}', dynamic: true, glob: false, substitutions: [] }
        : { text: path.posix.join(start, '{}'), dynamic: false, glob: false, substitutions: [] };
    return args.flatMap((word) =>
      word.text !== '{}' ? [word] : starts.length > 0 ? starts.map(found) : [found(null)],
    );
  }

  /** The command read as a git push whose arguments start at `argsStart`. */
  push(argsStart: number): PushAnalysis {
    let analysis = this.pushes.get(argsStart);
    if (!analysis) {
      analysis = analyzePush(this.parsed, argsStart);
      this.pushes.set(argsStart, analysis);
    }
    return analysis;
  }

  hasFlag(names: readonly string[]): boolean {
    const { globalFlags, flags } = this.parsed;
    const named = (flag: { name: string }) => names.includes(flag.name);
    return globalFlags.some(named) || flags.some(named);
  }

  /** A word as an absolute path; null when it is only known at run time. */
  resolvePath(word: ShellWord, text = word.text): string | null {
    if (word.dynamic || text === '') return null;
    const literal = word.glob ? stripWholeDirectoryGlob(text) : text;
    if (literal.startsWith('/')) return normalAbsolute(literal);
    // a `~` the shell expands is expanded already; one left here is a quoted, literal name
    const cwd = this.view.cwd;
    return cwd === null ? null : resolveFrom(cwd, literal);
  }

  get effects(): PathEffect[] {
    this.effectList ??= this.findEffects();
    return this.effectList;
  }

  get scripts(): Script[] {
    this.scriptList ??= this.findScripts();
    return this.scriptList;
  }

  /** Output redirections with the paths they write to (null when unknown). */
  get writeRedirects(): { op: string; word: ShellWord; path: string | null }[] {
    return this.view.redirects.filter(writesFile).map((redirect) => ({
      op: redirect.op,
      word: redirect.target,
      path: this.resolvePath(redirect.target),
    }));
  }

  /** Commands of the same pipeline that feed this one. */
  get upstream(): CommandFacts[] {
    const pipeline = this.view.pipeline;
    if (!pipeline || pipeline.index === 0) return [];
    return this.call.commands.filter(
      (other) =>
        other.view.pipeline?.id === pipeline.id && other.view.pipeline.index < pipeline.index,
    );
  }

  /** Commands whose output lands in this command's words through $(…), `…` or <(…). */
  get substituted(): CommandFacts[] {
    const found = new Set<number>();
    const visit = (words: readonly ShellWord[]) => {
      for (const word of words) {
        for (const index of word.substitutions) {
          if (found.has(index)) continue;
          found.add(index);
          const inner = this.call.commands[index];
          if (inner) visit([inner.view.program, ...inner.view.args]);
        }
      }
    };
    visit([this.view.program, ...this.view.args, ...this.view.redirects.map((r) => r.target)]);
    return [...found].flatMap((index) => this.call.commands[index] ?? []);
  }

  /** A shell or interpreter that takes its program from standard input. */
  get readsProgramFromStdin(): boolean {
    const programOptions = this.spec.programOptions;
    if (!programOptions) return false;
    if (this.hasFlag(programOptions)) return false;
    const [first] = this.parsed.positionals;
    return first === undefined || first.text === '-' || this.hasFlag(['-s']);
  }

  /** The file this command executes, when it runs one: `./x.sh`, `bash x.sh`, `source x.sh`. */
  get executedFile(): string | null {
    const { name, program } = this.view;
    if (program.text.includes('/')) return this.resolvePath(program);
    const interpreter = this.spec.programOptions || name === 'source' || name === '.';
    if (!interpreter || this.readsProgramFromStdin) return null;
    if (this.spec.programOptions && this.hasFlag(this.spec.programOptions)) return null;
    const [script] = this.parsed.positionals;
    return script ? this.resolvePath(script) : null;
  }

  /** Files this command downloads into. */
  get downloads(): string[] {
    const options = this.spec.downloadOptions;
    if (!options) return [];
    const files: string[] = [];
    for (const flag of this.parsed.flags) {
      if (flag.value && options.includes(flag.name)) {
        const file = this.resolvePath(flag.value);
        if (file) files.push(file);
      }
    }
    for (const redirect of this.view.redirects) {
      if (!writesFile(redirect)) continue;
      const file = this.resolvePath(redirect.target);
      if (file) files.push(file);
    }
    const namesFromUrl =
      this.view.name === 'wget' ? files.length === 0 : this.hasFlag(['-O', '--remote-name']);
    if (namesFromUrl) {
      for (const word of this.parsed.positionals) {
        const base = /^[a-z]+:\/\/[^/]+\/(?:.*\/)?([^/?#]+)/i.exec(word.text)?.[1];
        const file = base ? this.resolvePath(word, base) : null;
        if (file) files.push(file);
      }
    }
    return files;
  }

  private findEffects(): PathEffect[] {
    const effects: PathEffect[] = [];
    const add = (access: Access, word: ShellWord, text = word.text) => {
      const resolved = this.resolvePath(word, text);
      if (resolved === null) return;
      effects.push({
        access,
        path: resolved,
        source: 'shell',
        tool: 'Bash',
        command: { index: this.view.index, rendered: this.view.rendered, word: word.text },
      });
    };
    const positionals = this.parsed.positionals;
    for (const use of this.spec.paths ?? []) {
      if (use.when && !this.hasFlag(use.when)) continue;
      if (use.unless && this.hasFlag(use.unless)) continue;
      for (const { word, text } of wordsInRole(positionals, use.args)) add(use.access, word, text);
    }
    for (const flag of this.parsed.flags) {
      const access = this.spec.pathOptions?.[flag.name];
      if (access && flag.value) add(access, flag.value);
    }
    for (const redirect of this.view.redirects) {
      if (writesFile(redirect)) add('write', redirect.target);
      else if (redirect.op === '<') add('read', redirect.target);
    }
    return effects;
  }

  private findScripts(): Script[] {
    const scripts: Script[] = [];
    if (this.view.inlineScript) scripts.push(this.view.inlineScript);
    const source = this.spec.script;
    if (!source) return scripts;
    const add = (code: string) => {
      if (!scripts.some((script) => script.code === code)) {
        scripts.push({ language: source.language, code });
      }
    };
    for (const flag of this.parsed.flags) {
      if (flag.value && source.options?.includes(flag.name)) add(flag.value.text);
    }
    if (source.positionalFrom !== undefined) {
      const code = this.parsed.positionals.slice(source.positionalFrom).map((word) => word.text);
      if (code.length > 0) add(code.join(' '));
    }
    if (source.stdin) {
      for (const redirect of this.view.redirects) {
        if (STDIN_BODIES.has(redirect.op) && redirect.body !== undefined) add(redirect.body);
      }
      for (const feeder of this.upstream) {
        if (!ECHOES.has(feeder.view.name)) continue;
        const bodies = feeder.view.redirects.flatMap((r) => (r.body === undefined ? [] : [r.body]));
        add([...feeder.view.args.map((word) => word.text), ...bodies].join(' '));
      }
    }
    return scripts;
  }
}

function wordsInRole(
  positionals: readonly ShellWord[],
  role: PathRole,
): { word: ShellWord; text: string }[] {
  const whole = (words: readonly ShellWord[]) => words.map((word) => ({ word, text: word.text }));
  if (typeof role === 'object') {
    return positionals
      .filter((word) => word.text.startsWith(role.operand))
      .map((word) => ({ word, text: word.text.slice(role.operand.length) }));
  }
  switch (role) {
    case 'all':
      return whole(positionals);
    case 'below':
      return positionals.map((word) => ({ word, text: `${word.text}/{}` }));
    case 'first':
      return whole(positionals.slice(0, 1));
    case 'last':
      return whole(positionals.slice(-1));
    case 'allButLast':
      return whole(positionals.slice(0, -1));
    case 'fromSecond':
      return whole(positionals.slice(1));
  }
}
