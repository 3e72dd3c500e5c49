import { compileNameGlobs } from '../paths/glob.js';
import type { Evidence } from '../types.js';
import { compileContent } from './compile-content.js';
import { compilePathCondition } from './compile-path.js';
import type { RuleMatcher } from './compiled-rule.js';
import type { Lists } from './lists.js';
import type { FileMatchSpec } from './rule-types.js';

export function compileFileMatch(
  spec: FileMatchSpec,
  lists: Lists,
  key: (string | number)[],
): RuleMatcher {
  const tools = spec.tools ? compileNameGlobs(spec.tools) : null;
  const path = spec.path ? compilePathCondition(spec.path, lists, [...key, 'path']) : null;
  const content = spec.content ? compileContent(spec.content, [...key, 'content']) : null;
  const source = spec.source ?? 'any';
  return {
    kind: 'file',
    access: spec.access,
    test(effect, at) {
      if (source !== 'any' && effect.source !== source) return null;
      if (tools && !tools.test(effect.tool)) return null;
      if (path && !path(effect.path, at)) return null;
      let found: string | null = null;
      if (content) {
        found = effect.contents ? content(effect.contents) : null;
        if (found === null) return null;
      }
      const evidence: Evidence = { path: effect.path, access: effect.access };
      if (effect.command) {
        evidence.command = effect.command.rendered;
        evidence.words = [effect.command.word];
      }
      if (found) evidence.detail = `holds ${found}`;
      return evidence;
    },
  };
}
