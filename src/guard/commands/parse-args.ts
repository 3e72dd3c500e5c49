import type { CommandSpec } from './command-specs.js';
import type { ShellWord } from './command-view.js';

export interface ParsedFlag {
  /** The flag's name: `-r` (also from a bundle like `-rf`), `--force` (without `=value`). */
  name: string;
  /** The word it came from, for evidence. */
  word: string;
  value: ShellWord | null;
}

/** A command's arguments split the way the command itself would read them. */
export interface ParsedArgs {
  /** Flags before the subcommand, for commands that have subcommands. */
  globalFlags: ParsedFlag[];
  flags: ParsedFlag[];
  /** Every non-option word, subcommand words included. */
  positionals: ShellWord[];
}

function valueWord(text: string, from: ShellWord): ShellWord {
  return { text, dynamic: from.dynamic, glob: from.glob, substitutions: from.substitutions };
}

function isOptionLike(text: string): boolean {
  return text.length > 1 && text.startsWith('-');
}

const valuedSets = new WeakMap<CommandSpec, { valued: Set<string>; globalValued: Set<string> }>();

/** The spec's option lists as sets, made once per spec. */
function valuedOf(spec: CommandSpec) {
  let sets = valuedSets.get(spec);
  if (!sets) {
    sets = {
      valued: new Set(spec.valued),
      globalValued: new Set(spec.globalValued ?? spec.valued),
    };
    valuedSets.set(spec, sets);
  }
  return sets;
}

export function parseArgs(args: readonly ShellWord[], spec: CommandSpec): ParsedArgs {
  const parsed: ParsedArgs = { globalFlags: [], flags: [], positionals: [] };
  const { valued, globalValued } = valuedOf(spec);
  let optionsEnded = false;
  let expressionStarted = false;
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index] as ShellWord;
    const text = word.text;
    const global = spec.subcommands === true && parsed.positionals.length === 0;
    const takesValue = global ? globalValued : valued;
    const into = global ? parsed.globalFlags : parsed.flags;
    if (optionsEnded || !isOptionLike(text)) {
      if (spec.positionalsBeforeOptions && (expressionStarted || text === '(' || text === '!')) {
        expressionStarted = true;
        continue;
      }
      parsed.positionals.push(word);
      continue;
    }
    if (text === '--') {
      optionsEnded = true;
      continue;
    }
    expressionStarted = true;
    const next = args[index + 1];
    if (text.startsWith('--') || spec.singleDashWords) {
      const equals = text.indexOf('=');
      const name = equals === -1 ? text : text.slice(0, equals);
      let value: ShellWord | null = null;
      if (equals !== -1) value = valueWord(text.slice(equals + 1), word);
      else if (takesValue.has(name) && next) {
        value = next;
        index += 1;
      }
      into.push({ name, word: text, value });
      continue;
    }
    for (let at = 1; at < text.length; at += 1) {
      const name = `-${text[at]}`;
      if (!takesValue.has(name)) {
        into.push({ name, word: text, value: null });
        continue;
      }
      const rest = text.slice(at + 1);
      if (rest !== '') into.push({ name, word: text, value: valueWord(rest, word) });
      else {
        into.push({ name, word: text, value: next ?? null });
        if (next) index += 1;
      }
      break;
    }
  }
  return parsed;
}
