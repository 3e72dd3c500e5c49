import { posix } from 'node:path';
import { CoordinationError } from '../errors.js';

/**
 * Lease patterns are project-relative paths with `/` between segments. `*` matches within one
 * segment, `?` one character of it, and a segment `**` any number of segments. A path without
 * wildcards covers itself and everything beneath, since it may be a folder (leasing `src/api`
 * leases its contents); a glob covers what it matches, and a trailing `**` a whole subtree.
 */

export const MAX_PATTERN_LENGTH = 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

function invalidPath(raw: unknown, why: string): CoordinationError {
  return new CoordinationError('invalid_path', `path ${JSON.stringify(raw)} ${why}`, {
    path: typeof raw === 'string' ? raw : null,
  });
}

/** The path of an absolute file inside the project, relative to its root; null when outside. */
export function toProjectPath(absolutePath: string, projectRoot: string): string | null {
  // The guard asks this on every write it judges, almost always with canonical paths.
  const root = isCanonicalAbsolute(projectRoot) ? projectRoot : posix.resolve(projectRoot);
  const path = isCanonicalAbsolute(absolutePath) ? absolutePath : posix.resolve(root, absolutePath);
  if (path === root) return '';
  const prefix = root === '/' ? '/' : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}

/** Absolute, with no empty, `.` or `..` segment and no trailing slash: what resolve would return. */
function isCanonicalAbsolute(path: string): boolean {
  if (!path.startsWith('/')) return false;
  if (path === '/') return true;
  return (
    !path.endsWith('/') &&
    !path.includes('//') &&
    !path.includes('/./') &&
    !path.includes('/../') &&
    !path.endsWith('/.') &&
    !path.endsWith('/..')
  );
}

/**
 * The canonical form of a lease path or glob: relative to the project, `.` and empty segments
 * dropped, `..` resolved. Absolute paths must lie inside the project; nothing may climb out of it.
 */
export function normalizeLeasePattern(raw: unknown, projectRoot: string): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_PATTERN_LENGTH) {
    throw invalidPath(raw, `must be a string of 1 to ${MAX_PATTERN_LENGTH} characters`);
  }
  if (CONTROL.test(raw)) throw invalidPath(raw, 'must not hold control characters');
  let relative = raw;
  if (raw.startsWith('/')) {
    const inside = toProjectPath(raw, projectRoot);
    if (inside === null) throw invalidPath(raw, `is outside the project (${projectRoot})`);
    relative = inside;
  }
  const segments: string[] = [];
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw invalidPath(raw, 'climbs out of the project');
      if (segments.at(-1) === '**') throw invalidPath(raw, 'puts .. after **, which has no parent');
      segments.pop();
      continue;
    }
    if (segment === '**' && segments.at(-1) === '**') continue;
    if (segment.includes('**') && segment !== '**') {
      throw invalidPath(raw, 'uses ** inside a segment; ** stands alone between slashes');
    }
    segments.push(segment);
  }
  if (segments.length === 0) throw invalidPath(raw, "names the whole project; lease '**' for that");
  return segments.join('/');
}

export interface CompiledPattern {
  pattern: string;
  /** True when the pattern has no wildcard: it covers itself and what lies beneath. */
  literal: boolean;
  /** The leading segments without wildcards; everything the pattern covers lies beneath it. */
  base: string;
  segments: readonly string[];
  /** Matches every path the pattern covers. */
  regex: RegExp;
}

function hasWildcard(segment: string): boolean {
  return segment.includes('*') || segment.includes('?');
}

function segmentSource(segment: string): string {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return source;
}

function regexOf(segments: readonly string[]): RegExp {
  let source = '';
  let needSlash = false;
  segments.forEach((segment, index) => {
    const slash = needSlash ? '/' : '';
    if (segment !== '**') {
      source += slash + segmentSource(segment);
      needSlash = true;
    } else if (index < segments.length - 1) {
      source += `${slash}(?:[^/]+/)*`;
      needSlash = false;
    } else {
      source = source === '' ? '.+' : `${source}(?:/.*)?`;
    }
  });
  return new RegExp(`^${source}$`);
}

const MAX_COMPILED = 10_000;
const compiledPatterns = new Map<string, CompiledPattern>();

/** Compiles a normalized pattern; recently compiled ones are reused. */
export function compilePattern(pattern: string): CompiledPattern {
  const known = compiledPatterns.get(pattern);
  if (known) return known;
  if (compiledPatterns.size >= MAX_COMPILED) compiledPatterns.clear();
  const compiled = compileFresh(pattern);
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

function compileFresh(pattern: string): CompiledPattern {
  const segments = pattern.split('/');
  const firstWildcard = segments.findIndex(hasWildcard);
  const literal = firstWildcard === -1;
  return {
    pattern,
    literal,
    base: (literal ? segments : segments.slice(0, firstWildcard)).join('/'),
    segments,
    regex: regexOf(literal ? [...segments, '**'] : segments),
  };
}

/**
 * Whether two sequences with a wildcard element (one that stands for any run of elements, the
 * empty run included) can spell a common sequence; `compatible` says whether two other elements
 * can match one element. Memoized over positions, so linear in the product of the lengths.
 */
function sequencesIntersect<T>(
  left: readonly T[],
  right: readonly T[],
  wildcard: T,
  compatible: (a: T, b: T) => boolean,
): boolean {
  const memo = new Map<number, boolean>();
  const width = right.length + 1;
  const walk = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === left.length && j === right.length) result = true;
    else if (left[i] === wildcard) result = walk(i + 1, j) || (j < right.length && walk(i, j + 1));
    else if (right[j] === wildcard) result = walk(i, j + 1) || (i < left.length && walk(i + 1, j));
    else if (i === left.length || j === right.length) result = false;
    else result = compatible(left[i] as T, right[j] as T) && walk(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return walk(0, 0);
}

/** Whether some segment matches both segment globs (`*` and `?`). */
function segmentsIntersect(left: string, right: string): boolean {
  return sequencesIntersect(
    [...left],
    [...right],
    '*',
    (a, b) => a === b || a === '?' || b === '?',
  );
}

/** The segments of what a pattern covers: a literal path gains a trailing `**` for its subtree. */
function coveredSegments(pattern: CompiledPattern): readonly string[] {
  return pattern.literal ? [...pattern.segments, '**'] : pattern.segments;
}

/** Whether two patterns cover some path in common. */
export function patternsOverlap(left: CompiledPattern, right: CompiledPattern): boolean {
  return sequencesIntersect(coveredSegments(left), coveredSegments(right), '**', segmentsIntersect);
}
