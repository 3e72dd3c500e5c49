import path from 'node:path';

/** The directories a path is judged against. All absolute and normalized. */
export interface Locations {
  cwd: string;
  home: string;
  projectRoot: string;
}

const SLASH = 47;
const NOT_NORMAL = /\/\/|\/\.\.?(?:\/|$)|.\/$/;

/** An absolute path in normal form; cheap when it already is one, as call paths usually are. */
export function normalAbsolute(absolutePath: string): string {
  return NOT_NORMAL.test(absolutePath) ? path.posix.resolve(absolutePath) : absolutePath;
}

/** Whether `child` is `parent` or lies below it. */
export function isWithin(child: string, parent: string): boolean {
  if (parent === '/') return child.startsWith('/');
  return (
    child.startsWith(parent) &&
    (child.length === parent.length || child.charCodeAt(parent.length) === SLASH)
  );
}

/** `child` relative to `parent` ('' for the same path), or null when it is not below it. */
export function relativeWithin(child: string, parent: string): string | null {
  if (!isWithin(child, parent)) return null;
  if (child.length === parent.length) return '';
  return child.slice(parent === '/' ? 1 : parent.length + 1);
}

/** `relative` (no `~`) resolved from the absolute directory `from`. */
export function resolveFrom(from: string, relative: string): string {
  if (relative.startsWith('/')) return normalAbsolute(relative);
  return normalAbsolute(from === '/' ? `/${relative}` : `${from}/${relative}`);
}

/**
 * A path from a tool input, resolved the way the tool would: `~`, `~/…`, `$HOME` and `${HOME}`
 * name the home directory, anything relative starts at the working directory.
 */
export function resolveToolPath(raw: string, at: Locations): string {
  return path.posix.resolve(at.cwd, expandHome(raw, at.home));
}

/** How a home directory is written in tool inputs; `${HOME}` is the shell's, not a template. */
const HOME_SPELLINGS = ['~', '$HOME', `\${HOME}`];

function expandHome(raw: string, home: string): string {
  if (HOME_SPELLINGS.includes(raw)) return home;
  for (const prefix of HOME_SPELLINGS.map((spelling) => `${spelling}/`)) {
    if (raw.startsWith(prefix)) return `${home}/${raw.slice(prefix.length)}`;
  }
  return raw;
}

/** The deepest directory of a glob that holds no glob characters: `src/**\/*.ts` → `src`. */
export function globScope(pattern: string): string {
  const segments = pattern.split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[{]/.test(segment)) break;
    literal.push(segment);
  }
  if (literal.length === segments.length) return pattern;
  const scope = literal.join('/');
  return scope === '' && pattern.startsWith('/') ? '/' : scope === '' ? '.' : scope;
}
