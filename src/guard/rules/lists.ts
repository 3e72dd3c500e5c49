import { RuleCompileError } from './compile-error.js';

/** Named lists rules refer to as `$name`: from packs, the policy, and the guard's own paths. */
export type Lists = ReadonlyMap<string, readonly string[]>;

/** The values with every `$name` replaced by that list's items. */
export function expandLists(
  values: readonly string[],
  lists: Lists,
  key: readonly (string | number)[],
): string[] {
  return values.flatMap((value, index) => {
    if (!value.startsWith('$')) return [value];
    const items = lists.get(value.slice(1));
    if (!items) {
      const known = [...lists.keys()].map((name) => `$${name}`).join(', ');
      throw new RuleCompileError(
        [...key, index],
        `names an unknown list ${value} (known: ${known})`,
      );
    }
    return items;
  });
}
