import type { Word } from './types.js';

/** Which options of a command take a value; every other option is a flag. */
export interface OptionGrammar {
  /** Short options taking a value, attached (`-uroot`) or as the next word (`-u root`). */
  valued?: string;
  /** Short options whose optional value can only be attached (`xargs -i{}`): the rest of the cluster. */
  attachedOnly?: string;
  /** Long options taking a value, as `--opt=value` or the next word. */
  longValued?: readonly string[];
}

export interface ScannedOption {
  /** `-u` or `--user`. */
  name: string;
  /** The value, a word of its own or the attached rest of a word; null for a flag. */
  value: Word | null;
}

export interface ScannedOptions {
  options: ScannedOption[];
  /** Index of the first word after the options (and after a `--`). */
  next: number;
}

/** The rest of `word` from character `skip` on, as a word of its own (for attached option values). */
export function tailWord(word: Word, skip: number): Word {
  const text = word.text.slice(skip);
  const start = Math.max(word.start, word.end - text.length);
  const first = word.parts[0];
  const quoting = first?.kind === 'literal' ? first.quoting : 'none';
  return {
    text,
    quoted: word.quoted,
    dynamic: word.dynamic,
    glob: word.glob,
    start,
    end: word.end,
    parts: [{ kind: 'literal', text, quoting, start, end: word.end }],
  };
}

/**
 * Reads the options of a command line from `words[from]` on, stopping at the first operand,
 * at `--` (skipped) or at a dynamic word (its options are unknown).
 */
export function scanOptions(
  words: readonly Word[],
  from: number,
  grammar: OptionGrammar,
): ScannedOptions {
  const options: ScannedOption[] = [];
  let i = from;
  while (i < words.length) {
    const word = words[i] as Word;
    const text = word.text;
    if (word.dynamic || text.length < 2 || text.charCodeAt(0) !== 45) break;
    i++;
    if (text === '--') break;
    if (text.startsWith('--')) {
      const equals = text.indexOf('=');
      if (equals !== -1) {
        options.push({ name: text.slice(0, equals), value: tailWord(word, equals + 1) });
      } else if (grammar.longValued?.includes(text)) {
        options.push({ name: text, value: words[i] ?? null });
        i++;
      } else {
        options.push({ name: text, value: null });
      }
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const letter = text.charAt(k);
      const name = `-${letter}`;
      const attached = k + 1 < text.length;
      if (grammar.valued?.includes(letter)) {
        if (attached) {
          options.push({ name, value: tailWord(word, k + 1) });
        } else {
          options.push({ name, value: words[i] ?? null });
          i++;
        }
        break;
      }
      if (grammar.attachedOnly?.includes(letter)) {
        options.push({ name, value: attached ? tailWord(word, k + 1) : null });
        break;
      }
      options.push({ name, value: null });
    }
  }
  return { options, next: Math.min(i, words.length) };
}

export function hasOption(scanned: ScannedOptions, ...names: string[]): boolean {
  return scanned.options.some((option) => names.includes(option.name));
}

export function optionValue(scanned: ScannedOptions, ...names: string[]): Word | null {
  for (let k = scanned.options.length - 1; k >= 0; k--) {
    const option = scanned.options[k] as ScannedOption;
    if (names.includes(option.name)) return option.value;
  }
  return null;
}
