import type { Role } from '../../agents/principal.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import type { PolicyLayerSpec, Profile } from '../rules/rule-types.js';
import type { RuleDecision } from '../types.js';

/** Which calls a layer of the policy applies to. */
export type Scope =
  | { kind: 'base' }
  | { kind: 'role'; role: Role }
  | { kind: 'agent'; name: string };

export interface ScopedLayer {
  scope: Scope;
  spec: PolicyLayerSpec;
}

/** The policy as it applies to one role and agent: what each rule decides for them. */
export interface PolicyView {
  profile: Profile;
  defaultDecision: RuleDecision;
  /** The decision of every rule in force for this view; a rule missing here is off. */
  decisions: ReadonlyMap<string, RuleDecision>;
  /** Rules switched off by `disable`, for explanations. */
  disabled: ReadonlySet<string>;
  /** The agent has a layer of its own, so its name belongs in cache keys. */
  agentLayer: boolean;
}

function inScope(scope: Scope, role: Role, agent: string): boolean {
  switch (scope.kind) {
    case 'base':
      return true;
    case 'role':
      return scope.role === role;
    case 'agent':
      return scope.name === agent;
  }
}

/** A rule's decision under a profile; profiles only move asks and escalations, never denies. */
function profileDecision(rule: CompiledRule, profile: Profile): RuleDecision {
  if (rule.decision === 'deny' || rule.decision === 'allow' || profile === 'standard') {
    return rule.decision;
  }
  if (profile === 'strict')
    return rule.profiles.strict ?? (rule.risk === 'high' ? 'deny' : rule.decision);
  return rule.profiles.permissive ?? rule.decision;
}

export function buildView(
  layers: readonly ScopedLayer[],
  rules: readonly { rule: CompiledRule; scope: Scope }[],
  role: Role,
  agent: string,
): PolicyView {
  const applying = layers.filter((layer) => inScope(layer.scope, role, agent));
  let profile: Profile = 'standard';
  let defaultDecision: RuleDecision | undefined;
  const disabled = new Set<string>();
  const overrides = new Map<string, RuleDecision>();
  for (const { spec } of applying) {
    profile = spec.profile ?? profile;
    defaultDecision = spec.defaultDecision ?? defaultDecision;
    for (const id of spec.disable ?? []) disabled.add(id);
    for (const [id, decision] of Object.entries(spec.decisions ?? {})) overrides.set(id, decision);
  }
  const decisions = new Map<string, RuleDecision>();
  for (const { rule, scope } of rules) {
    if (!inScope(scope, role, agent) || disabled.has(rule.id)) continue;
    decisions.set(rule.id, overrides.get(rule.id) ?? profileDecision(rule, profile));
  }
  return {
    profile,
    defaultDecision: defaultDecision ?? (profile === 'strict' ? 'deny' : 'ask'),
    decisions,
    disabled,
    agentLayer: applying.some((layer) => layer.scope.kind === 'agent'),
  };
}
