import { isWithin, type Locations } from '../paths/locations.js';
import { compilePathPatterns, type PathPatterns } from '../paths/path-pattern.js';
import { RuleCompileError } from './compile-error.js';
import { expandLists, type Lists } from './lists.js';
import type { PathConditionSpec, Where } from './rule-types.js';

export type PathTest = (absolutePath: string, at: Locations) => boolean;

const WHERE: Record<Where, PathTest> = {
  inside: (p, at) => p !== at.projectRoot && isWithin(p, at.projectRoot),
  root: (p, at) => p === at.projectRoot,
  outside: (p, at) => !isWithin(p, at.projectRoot),
  containsProject: (p, at) => isWithin(at.projectRoot, p),
  containsHome: (p, at) => isWithin(at.home, p),
};

function patterns(
  sources: readonly string[],
  lists: Lists,
  key: (string | number)[],
): PathPatterns {
  const expanded = expandLists(sources, lists, key);
  try {
    return compilePathPatterns(expanded);
  } catch (error) {
    throw new RuleCompileError(key, (error as Error).message);
  }
}

/** Cheap tests first: where the path lies, then the globs it must match, then the exclusions. */
export function compilePathCondition(
  spec: PathConditionSpec,
  lists: Lists,
  key: (string | number)[],
): PathTest {
  const included = spec.in ? patterns(spec.in, lists, [...key, 'in']) : null;
  const excluded = spec.not ? patterns(spec.not, lists, [...key, 'not']) : null;
  const where = spec.where?.map((name) => WHERE[name]) ?? null;
  return (p, at) =>
    (where === null || where.some((test) => test(p, at))) &&
    (included === null || included.matches(p, at)) &&
    (excluded === null || !excluded.matches(p, at));
}
