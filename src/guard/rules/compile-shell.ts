import type { ShellWord } from '../commands/command-view.js';
import type { CommandFacts } from '../commands/shell-facts.js';
import { compileNameGlobs } from '../paths/glob.js';
import type { Evidence } from '../types.js';
import { compileSecrets } from './compile-content.js';
import { compileRegExp } from './compile-error.js';
import { compilePathCondition } from './compile-path.js';
import type { RuleMatcher } from './compiled-rule.js';
import { expandLists, type Lists } from './lists.js';
import type { ArgConditionSpec, OneOrMany, ShellMatchSpec } from './rule-types.js';
import { classifySql } from './sql-classify.js';

type Key = (string | number)[];

/** What a match found so far: where the arguments start and what to show as evidence. */
interface MatchState {
  argsStart: number;
  words: string[];
  details: string[];
}

type Check = (command: CommandFacts, state: MatchState) => boolean;

const many = <T>(value: OneOrMany<T>): T[] => (Array.isArray(value) ? value : [value]);

function compileSubcommands(alternatives: OneOrMany<string>[], lists: Lists, key: Key): Check {
  // a `$list` segment stands for any of its words; a sequence matches word by word
  const sequences = alternatives.map((alternative, index) =>
    many(alternative).map((segment, at) =>
      segment === '**'
        ? null
        : compileNameGlobs(expandLists([segment], lists, [...key, index, at])),
    ),
  );
  const consume = (
    sequence: readonly (RegExp | null)[],
    words: readonly ShellWord[],
    at: number,
  ): number => {
    if (sequence.length === 0) return at;
    const head = sequence[0] as RegExp | null;
    const rest = sequence.slice(1);
    if (head === null) {
      for (let skip = at; skip <= words.length; skip += 1) {
        const end = consume(rest, words, skip);
        if (end !== -1) return end;
      }
      return -1;
    }
    const word = words[at];
    if (!word || word.dynamic || !head.test(word.text)) return -1;
    return consume(rest, words, at + 1);
  };
  return (command, state) => {
    const positionals = command.parsed.positionals;
    for (const sequence of sequences) {
      const end = consume(sequence, positionals, 0);
      if (end === -1) continue;
      state.argsStart = end;
      state.words.push(...positionals.slice(0, end).map((word) => word.text));
      return true;
    }
    return false;
  };
}

function compileFlags(spec: NonNullable<ShellMatchSpec['flags']>, lists: Lists, key: Key): Check {
  const sets = (name: 'all' | 'any' | 'none') =>
    (spec[name] ?? []).map(
      (alternative, index) => new Set(expandLists(many(alternative), lists, [...key, name, index])),
    );
  const [all, any, none] = [sets('all'), sets('any'), sets('none')];
  const find = (command: CommandFacts, names: ReadonlySet<string>) =>
    [...command.parsed.globalFlags, ...command.parsed.flags].find((flag) => names.has(flag.name));
  return (command, state) => {
    const found: string[] = [];
    for (const names of all) {
      const flag = find(command, names);
      if (!flag) return false;
      found.push(flag.word);
    }
    if (any.length > 0) {
      const flag = any.map((names) => find(command, names)).find((candidate) => candidate);
      if (!flag) return false;
      found.push(flag.word);
    }
    if (none.some((names) => find(command, names))) return false;
    state.words.push(...new Set(found));
    return true;
  };
}

type ArgTest = (command: CommandFacts, word: ShellWord, index: number) => boolean;

function compileArgCondition(spec: ArgConditionSpec, lists: Lists, key: Key): ArgTest {
  const words = spec.word
    ? compileNameGlobs(expandLists(spec.word, lists, [...key, 'word']), spec.ignoreCase)
    : null;
  const path = spec.path ? compilePathCondition(spec.path, lists, [...key, 'path']) : null;
  const prefix = spec.prefix ?? '';
  return (command, word, index) => {
    if (spec.at !== undefined && index !== spec.at) return false;
    if (spec.dynamic !== undefined && word.dynamic !== spec.dynamic) return false;
    if (!word.text.startsWith(prefix)) return false;
    const rest = word.text.slice(prefix.length);
    if (words && (word.dynamic || !words.test(rest))) return false;
    if (path) {
      const resolved = command.resolvePath(word, rest);
      if (resolved === null || !path(resolved, command.call.at)) return false;
    }
    return true;
  };
}

function compileArgs(spec: NonNullable<ShellMatchSpec['args']>, lists: Lists, key: Key): Check {
  const compile = (name: 'all' | 'any' | 'none') =>
    (spec[name] ?? []).map((condition, index) =>
      compileArgCondition(condition, lists, [...key, name, index]),
    );
  const [all, any, none] = [compile('all'), compile('any'), compile('none')];
  return (command, state) => {
    const args = command.parsed.positionals.slice(state.argsStart);
    const satisfying = (test: ArgTest) => args.find((word, index) => test(command, word, index));
    const found: string[] = [];
    for (const test of all) {
      const word = satisfying(test);
      if (!word) return false;
      found.push(word.text);
    }
    if (any.length > 0) {
      const word = any.map(satisfying).find((candidate) => candidate);
      if (!word) return false;
      found.push(word.text);
    }
    if (none.some((test) => satisfying(test))) return false;
    state.words.push(...new Set(found));
    return true;
  };
}

function compilePush(spec: NonNullable<ShellMatchSpec['push']>, lists: Lists, key: Key): Check {
  const branchList = spec.branch ? expandLists(spec.branch, lists, [...key, 'branch']) : null;
  const branches = branchList ? compileNameGlobs(branchList) : null;
  const anyDestination = branches === null && spec.unknownBranch === undefined;
  return (command, state) => {
    const push = command.push(state.argsStart);
    if (spec.mirror !== undefined && push.mirror !== spec.mirror) return false;
    const target = push.targets.find((candidate) => {
      if (spec.force === 'force' && !candidate.force) return false;
      if (spec.force === 'lease' && !candidate.lease) return false;
      if (spec.force === 'any' && !candidate.force && !candidate.lease) return false;
      if (spec.delete !== undefined && candidate.delete !== spec.delete) return false;
      if (anyDestination) return true;
      if (candidate.everyBranch) return branchList !== null && branchList.length > 0;
      if (candidate.branch === null) return spec.unknownBranch === true;
      return branches?.test(candidate.branch) ?? false;
    });
    if (!target) return false;
    state.words.push(...push.flagWords);
    if (target.word) state.words.push(target.word);
    state.details.push(
      target.everyBranch
        ? 'pushes every branch'
        : target.branch === null
          ? 'the destination branch is not on the command line'
          : `destination branch ${target.branch}`,
    );
    return true;
  };
}

function compileScript(spec: NonNullable<ShellMatchSpec['script']>, key: Key): Check {
  const languages = spec.language ? new Set(spec.language) : null;
  const kinds = spec.sql ? new Set<string>(spec.sql) : null;
  const flags = spec.ignoreCase ? 'i' : '';
  const pattern = spec.pattern ? compileRegExp(spec.pattern, flags, [...key, 'pattern']) : null;
  return (command, state) => {
    for (const script of command.scripts) {
      if (languages && !languages.has(script.language)) continue;
      let detail = `${script.language} code`;
      if (kinds) {
        const finding = classifySql(script.code).find((candidate) => kinds.has(candidate.kind));
        if (!finding) continue;
        detail = `SQL ${finding.statement}`;
      }
      if (pattern) {
        const match = pattern.exec(script.code);
        if (!match) continue;
        detail = `${script.language} code: ${match[0].slice(0, 80)}`;
      }
      state.details.push(detail);
      return true;
    }
    return false;
  };
}

function namesIn(values: readonly string[], lists: Lists, key: Key): ReadonlySet<string> {
  return new Set(expandLists(values, lists, key));
}

function compileChecks(spec: ShellMatchSpec, lists: Lists, key: Key): Check[] {
  const checks: Check[] = [];
  if (spec.subcommand) {
    checks.push(compileSubcommands(spec.subcommand, lists, [...key, 'subcommand']));
  }
  if (spec.flags) checks.push(compileFlags(spec.flags, lists, [...key, 'flags']));
  if (spec.args) checks.push(compileArgs(spec.args, lists, [...key, 'args']));
  if (spec.push) checks.push(compilePush(spec.push, lists, [...key, 'push']));
  if (spec.elevated !== undefined) {
    const elevated = spec.elevated;
    checks.push((command) => command.view.elevated === elevated);
  }
  if (spec.via) {
    const via = namesIn(spec.via, lists, [...key, 'via']);
    checks.push((command, state) => {
      const wrapper = command.view.via.find((name) => via.has(name));
      if (wrapper) state.details.push(`run through ${wrapper}`);
      return wrapper !== undefined;
    });
  }
  if (spec.redirect) {
    const path = compilePathCondition(spec.redirect.path, lists, [...key, 'redirect', 'path']);
    checks.push((command, state) => {
      const target = command.writeRedirects.find(
        (candidate) => candidate.path !== null && path(candidate.path, command.call.at),
      );
      if (target) state.words.push(`${target.op} ${target.word.text}`);
      return target !== undefined;
    });
  }
  if (spec.pipedFrom) {
    const names = namesIn(spec.pipedFrom, lists, [...key, 'pipedFrom']);
    checks.push((command, state) => {
      const feeder = command.upstream.find((candidate) => names.has(candidate.view.name));
      if (feeder) state.details.push(`fed by ${feeder.view.rendered}`);
      return feeder !== undefined;
    });
  }
  if (spec.stdinProgram !== undefined) {
    const wanted = spec.stdinProgram;
    checks.push((command) => command.readsProgramFromStdin === wanted);
  }
  if (spec.runsDownload) {
    checks.push((command, state) => {
      const file = command.executedFile;
      if (file === null || !command.call.downloadsBefore(command.view.index).has(file)) {
        return false;
      }
      state.details.push(`runs ${file}, downloaded earlier on the same line`);
      return true;
    });
  }
  if (spec.substitutionFrom) {
    const names = namesIn(spec.substitutionFrom, lists, [...key, 'substitutionFrom']);
    checks.push((command, state) => {
      const source = command.substituted.find((candidate) => names.has(candidate.view.name));
      if (source) state.details.push(`runs the output of ${source.view.rendered}`);
      return source !== undefined;
    });
  }
  if (spec.script) checks.push(compileScript(spec.script, [...key, 'script']));
  if (spec.secrets) {
    const secrets = compileSecrets(spec.secrets);
    checks.push((command, state) => {
      const found = secrets([command.view.rendered]);
      if (found) state.details.push(`holds ${found}`);
      return found !== null;
    });
  }
  if (spec.regex) {
    const regex = compileRegExp(spec.regex, '', [...key, 'regex']);
    checks.push((command) => regex.test(command.view.rendered));
  }
  return checks;
}

/** The literal words every subcommand alternative starts with, or null when one may start anyhow. */
function firstSubcommandWords(spec: ShellMatchSpec, lists: Lists, key: Key): string[] | null {
  if (!spec.subcommand) return null;
  const words: string[] = [];
  for (const [index, alternative] of spec.subcommand.entries()) {
    const [first] = many(alternative);
    if (first === undefined || first === '**') return null;
    const expanded = expandLists([first], lists, [...key, 'subcommand', index, 0]);
    if (expanded.some((word) => /[*?[\\]/.test(word))) return null;
    words.push(...expanded);
  }
  return words;
}

export function compileShellMatch(spec: ShellMatchSpec, lists: Lists, key: Key): RuleMatcher {
  const commands = spec.command
    ? expandLists(many(spec.command), lists, [...key, 'command'])
    : null;
  const checks = compileChecks(spec, lists, key);
  return {
    kind: 'shell',
    commands,
    subcommands: firstSubcommandWords(spec, lists, key),
    test(command): Evidence | null {
      const state: MatchState = { argsStart: 0, words: [], details: [] };
      for (const check of checks) if (!check(command, state)) return null;
      const evidence: Evidence = { command: command.view.rendered };
      if (state.words.length > 0) evidence.words = state.words;
      if (state.details.length > 0) evidence.detail = state.details.join('; ');
      return evidence;
    },
  };
}
