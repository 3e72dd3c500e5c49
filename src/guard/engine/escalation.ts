import type { CompiledRule } from '../rules/compiled-rule.js';
import type { Fallback, Risk } from '../rules/rule-types.js';
import type { RuleMatch } from '../types.js';

/**
 * What a call whose strongest rule says `escalate` needs from a review. The engine only
 * describes it; opening the review and waiting for the experts happens around the engine, since
 * the engine stays synchronous and never waits.
 */
export interface EscalationRequest {
  /** The rules that asked for the escalation. */
  ruleIds: string[];
  /** Experts holding this capability decide; null when no escalating rule names one. */
  capability: string | null;
  /** High when any escalating rule is high-risk: the review then needs two approvals. */
  risk: Risk;
  /** What an undecided review comes to: deny when any escalating rule says so. */
  fallback: Fallback;
  /** What the rules say about the call (and a lease, if one is in the way), for the experts. */
  reason: string;
}

/** What the engine answers on its own: the user is asked, as nobody else can judge here. */
export const NO_REVIEWER_NOTE =
  'This call needs a second opinion; no reviewer is connected, so the user is asked.';

/**
 * The review an escalation needs, from the escalating matches (strongest first): the first
 * capability named, the highest risk, the strictest fallback. Matches of the guard's own checks
 * (an unknown tool under `defaultDecision: escalate`) have no rule and take the defaults.
 */
export function escalationOf(
  matches: readonly RuleMatch[],
  rules: ReadonlyMap<string, CompiledRule>,
  reason: string,
): EscalationRequest {
  const request: EscalationRequest = {
    ruleIds: [],
    capability: null,
    risk: 'normal',
    fallback: 'allow',
    reason,
  };
  for (const match of matches) {
    if (match.decision !== 'escalate') continue;
    request.ruleIds.push(match.ruleId);
    const rule = rules.get(match.ruleId);
    if (!rule) {
      request.fallback = 'deny';
      continue;
    }
    request.capability ??= rule.capability ?? null;
    if (rule.risk === 'high') request.risk = 'high';
    if (rule.fallback === 'deny') request.fallback = 'deny';
  }
  return request;
}
