import type { RuleDecision, Verdict } from '../types.js';

const RANK: Record<RuleDecision, number> = { allow: 0, ask: 1, escalate: 2, deny: 3 };

/** Deny beats escalate beats ask beats allow. */
export function rankOf(decision: RuleDecision): number {
  return RANK[decision];
}

export function strongest(a: RuleDecision, b: RuleDecision): RuleDecision {
  return RANK[a] >= RANK[b] ? a : b;
}

/** What the client hears before any escalation is resolved: escalate asks. */
export function verdictOf(decision: RuleDecision): Verdict {
  return decision === 'escalate' ? 'ask' : decision;
}
