import { rankOf } from '../policy/decision-rank.js';
import type { RuleDecision, RuleMatch } from '../types.js';
import { type Finding, WHOLE_CALL } from './evaluate.js';

export interface Combined {
  decision: RuleDecision;
  /** Findings that count, strongest first. */
  counted: Finding[];
  /** Asks and escalations an allow rule lifted. */
  lifted: Finding[];
}

function liftedBy(finding: Finding, allows: readonly Finding[]): boolean {
  if (finding.decision !== 'ask' && finding.decision !== 'escalate') return false;
  return allows.some(
    (allow) =>
      allow.allows.includes(finding.ruleId) &&
      (allow.subject === finding.subject || allow.subject === WHOLE_CALL),
  );
}

/**
 * Deny beats escalate beats ask beats allow. An allow rule only lifts the asks and escalations
 * of the rules it names, on the same command; it never touches a deny.
 */
export function combine(findings: readonly Finding[]): Combined {
  const active = findings.filter((finding) => finding.status === 'active');
  const allows = active.filter((finding) => finding.decision === 'allow');
  const counted: Finding[] = [];
  const lifted: Finding[] = [];
  for (const finding of active) (liftedBy(finding, allows) ? lifted : counted).push(finding);
  counted.sort((a, b) => rankOf(b.decision) - rankOf(a.decision));
  return { decision: counted[0]?.decision ?? 'allow', counted, lifted };
}

export function toRuleMatch(finding: Finding): RuleMatch {
  const match: RuleMatch = {
    ruleId: finding.ruleId,
    pack: finding.pack,
    decision: finding.decision,
    reason: finding.reason,
    locked: finding.locked,
    evidence: finding.evidence,
  };
  if (finding.suggestion !== undefined) match.suggestion = finding.suggestion;
  return match;
}
