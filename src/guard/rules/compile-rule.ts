import { compileNameGlobs } from '../paths/glob.js';
import { RuleCompileError } from './compile-error.js';
import { compileFileMatch } from './compile-file.js';
import { compileMcpMatch } from './compile-mcp.js';
import { compileShellMatch } from './compile-shell.js';
import { compileWebMatch } from './compile-web.js';
import type { CompiledRule, RuleMatcher } from './compiled-rule.js';
import type { Lists } from './lists.js';
import type { MatchSpec, Risk, RuleSpec } from './rule-types.js';

function compileMatcher(match: MatchSpec, lists: Lists): RuleMatcher {
  if (match.shell) return compileShellMatch(match.shell, lists, ['match', 'shell']);
  if (match.file) return compileFileMatch(match.file, lists, ['match', 'file']);
  if (match.web) return compileWebMatch(match.web);
  if (match.mcp) return compileMcpMatch(match.mcp, ['match', 'mcp']);
  const names = compileNameGlobs((match.tool as { name: string[] }).name);
  return { kind: 'tool', test: (tool) => (names.test(tool) ? { detail: `tool ${tool}` } : null) };
}

/** A schema-valid rule compiled; what the schema cannot check is refused here. */
export function compileRule(
  spec: RuleSpec,
  pack: { name: string; risk: Risk },
  lists: Lists,
): CompiledRule {
  if (spec.locked && spec.decision !== 'deny') {
    throw new RuleCompileError(['locked'], 'only deny rules can be locked');
  }
  if (spec.decision === 'allow' && !spec.allows) {
    throw new RuleCompileError(
      ['allows'],
      'an allow rule must name the rules whose asks it lifts (allows: [rule ids])',
    );
  }
  if (spec.allows && spec.decision !== 'allow') {
    throw new RuleCompileError(['allows'], 'only allow rules can lift other rules');
  }
  if (spec.decision === 'deny' && spec.profiles) {
    throw new RuleCompileError(['profiles'], 'a deny stays a deny under every profile');
  }
  const rule: CompiledRule = {
    id: spec.id,
    pack: pack.name,
    description: spec.description,
    decision: spec.decision,
    reason: spec.reason,
    locked: spec.locked === true,
    risk: spec.risk ?? pack.risk,
    fallback: spec.fallback ?? 'deny',
    profiles: spec.profiles ?? {},
    allows: spec.allows ?? [],
    matcher: compileMatcher(spec.match, lists),
  };
  if (spec.suggestion !== undefined) rule.suggestion = spec.suggestion;
  if (spec.capability !== undefined) rule.capability = spec.capability;
  return rule;
}
