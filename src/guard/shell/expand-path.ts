import { posix } from 'node:path';
import type { Word } from './types.js';

/** What path expansion knows about the place a command runs. */
export interface PathContext {
  /** Absolute working directory. */
  cwd: string;
  /** Absolute home directory (for `~` and `$HOME`). */
  home: string;
  /** Known environment variables; `$NAME` of any other variable stays unresolved. */
  env?: Readonly<Record<string, string | undefined>>;
}

export type PathExpansion =
  | {
      ok: true;
      /** The absolute, normalized path (pattern characters kept as written). */
      path: string;
      /** It holds unquoted pattern syntax (`*`, `?`, `[…]`, `{a,b}`): it names every match. */
      pattern: boolean;
      /** The deepest directory before any pattern: every match lies inside it. Equals `path` without a pattern. */
      base: string;
    }
  | {
      ok: false;
      /** Why not: a variable it does not know, a command substitution, `~user`, an empty word … */
      reason: string;
    };

function variable(name: string, context: PathContext): string | undefined {
  if (name === 'HOME') return context.home;
  if (name === 'PWD') return context.cwd;
  return context.env?.[name];
}

function tildeValue(text: string, context: PathContext): string | undefined {
  if (text === '~') return context.home;
  if (text === '~+') return context.cwd;
  if (text === '~-') return context.env?.OLDPWD;
  return undefined;
}

/**
 * Expands a word as a path the way the shell would, as far as it can be known: `~`, `~/x`,
 * `$HOME`, `${HOME}`, `$PWD` and variables given in `env`; relative paths are taken from `cwd`;
 * `.` and `..` are resolved. Anything else that is only known at run time makes it unresolved,
 * never a guess.
 */
export function expandPath(word: Word, context: PathContext): PathExpansion {
  let raw = '';
  let patternAt = -1;
  for (const part of word.parts) {
    switch (part.kind) {
      case 'literal':
        raw += part.text;
        break;
      case 'tilde': {
        const value = tildeValue(part.text, context);
        if (value === undefined) return { ok: false, reason: `${part.text} is not known` };
        raw += value;
        break;
      }
      case 'pattern':
        if (patternAt === -1) patternAt = raw.length;
        raw += part.text;
        break;
      case 'parameter': {
        const value = part.plain ? variable(part.name, context) : undefined;
        if (value === undefined)
          return { ok: false, reason: `${part.text} is only known at run time` };
        raw += value;
        break;
      }
      default:
        return { ok: false, reason: `${part.text} is only known at run time` };
    }
  }
  if (raw === '') return { ok: false, reason: 'an empty word is not a path' };
  const path = posix.resolve(context.cwd, raw);
  if (patternAt === -1) return { ok: true, path, pattern: false, base: path };
  const beforePattern = raw.slice(0, patternAt);
  const directory = beforePattern.slice(0, beforePattern.lastIndexOf('/') + 1);
  return { ok: true, path, pattern: true, base: posix.resolve(context.cwd, directory || '.') };
}
