import { globToRegExpSource } from './glob.js';
import { type Locations, relativeWithin } from './locations.js';

type Anchor = 'absolute' | 'home' | 'project' | 'anywhere';

/**
 * Path globs anchored where they start: `/…` is absolute, `~` or `~/…` is below the home
 * directory, `**\/…` matches at any depth of an absolute path, and anything else is relative to
 * the project root. The globs of one anchor are joined into one regular expression, so a list
 * of fifty globs costs at most four tests.
 */
export interface PathPatterns {
  matches(absolutePath: string, at: Locations): boolean;
}

function anchorOf(source: string): { anchor: Anchor; rest: string } {
  if (source.startsWith('/')) return { anchor: 'absolute', rest: trimSlash(source.slice(1)) };
  if (source === '~') return { anchor: 'home', rest: '' };
  if (source.startsWith('~/')) return { anchor: 'home', rest: trimSlash(source.slice(2)) };
  if (source.startsWith('**/')) return { anchor: 'anywhere', rest: trimSlash(source.slice(3)) };
  return { anchor: 'project', rest: trimSlash(source === '.' ? '' : source) };
}

function trimSlash(text: string): string {
  return text.endsWith('/') ? text.slice(0, -1) : text;
}

/** Compiles path globs; throws an Error naming the first glob that is not valid. */
export function compilePathPatterns(sources: readonly string[]): PathPatterns {
  const byAnchor = new Map<Anchor, string[]>();
  for (const source of sources) {
    const { anchor, rest } = anchorOf(source);
    byAnchor.set(anchor, [
      ...(byAnchor.get(anchor) ?? []),
      rest === '' ? '' : globToRegExpSource(rest),
    ]);
  }
  const regexOf = (anchor: Anchor) => {
    const parts = byAnchor.get(anchor);
    if (!parts) return null;
    // `**/x` is x after any slash of the absolute path: one scan, no backtracking per glob
    return new RegExp(`${anchor === 'anywhere' ? '/' : '^'}(?:${parts.join('|')})$`);
  };
  const [absolute, home, project, anywhere] = [
    regexOf('absolute'),
    regexOf('home'),
    regexOf('project'),
    regexOf('anywhere'),
  ];
  const below = (regex: RegExp | null, relative: string | null) =>
    regex !== null && relative !== null && regex.test(relative);
  return {
    matches: (p, at) =>
      absolute?.test(p.slice(1)) === true ||
      anywhere?.test(p) === true ||
      (home !== null && below(home, relativeWithin(p, at.home))) ||
      (project !== null && below(project, relativeWithin(p, at.projectRoot))),
  };
}
