import { toRuleMatch } from '../engine/combine.js';
import { type Finding, WHOLE_CALL } from '../engine/evaluate.js';
import { describeFinding, LEAD } from '../engine/reason.js';
import { rankOf, strongest, verdictOf } from '../policy/decision-rank.js';
import { META_PACK, META_RULES } from '../policy/meta-rules.js';
import type { Decision } from '../types.js';

/** An exclusive lease as the guard needs to name it. */
export interface LeaseHold {
  leaseId: string;
  holder: { agentId: string; name: string };
  expiresAt: string;
}

/**
 * Where the guard learns who holds a path. It answers from memory, synchronously: the lease that
 * another agent than `agentId` holds exclusively over the absolute `path`, or null.
 */
export interface LeaseLookup {
  check(path: string, agentId: string): LeaseHold | null;
}

/** What a write into a path another agent leased exclusively gets. */
export type LeaseConflictDecision = 'ask' | 'deny';

export const DEFAULT_LEASE_CONFLICT: LeaseConflictDecision = 'ask';

function conflictFinding(path: string, lease: LeaseHold, decision: LeaseConflictDecision): Finding {
  const holder = lease.holder.name;
  return {
    ruleId: META_RULES.leaseConflict,
    pack: META_PACK,
    decision,
    reason: `${holder} holds an exclusive lease on this path (lease ${lease.leaseId}, until ${lease.expiresAt}): another agent is changing it.`,
    suggestion: `Leave the file to ${holder}, or message ${holder} to release the lease, or wait until it ends.`,
    locked: false,
    allows: [],
    evidence: { path, detail: `lease ${lease.leaseId} held by ${holder}` },
    subject: WHOLE_CALL,
    status: 'active',
  };
}

function withConflict(decision: Decision, finding: Finding): Decision {
  const rules = decision.decision;
  const combined = strongest(rules, finding.decision);
  const text = describeFinding(finding);
  // the stronger tier leads the reason; an allow of the rules has nothing to add
  const reason =
    rankOf(finding.decision) > rankOf(rules)
      ? [`${LEAD[finding.decision]} by the Lighthouse guard.`, text]
          .concat(rules === 'allow' ? [] : [decision.reason])
          .join('\n')
      : `${decision.reason}\n${text}`;
  const matches = [...decision.matches, toRuleMatch(finding)].sort(
    (a, b) => rankOf(b.decision) - rankOf(a.decision),
  );
  return { ...decision, verdict: verdictOf(combined), decision: combined, matches, reason };
}

/**
 * The lease tier over the rules' decision: a write into a path another agent leased
 * exclusively is asked or denied, naming the holder. It can only make a decision stricter, and a
 * deny of the rules is left as it is without looking.
 */
export function withLeases(
  decision: Decision,
  writes: readonly string[],
  agentId: string,
  leases: LeaseLookup,
  conflict: LeaseConflictDecision,
): Decision {
  if (decision.decision === 'deny') return decision;
  for (const path of writes) {
    const lease = leases.check(path, agentId);
    if (lease) return withConflict(decision, conflictFinding(path, lease, conflict));
  }
  return decision;
}
