import { combine } from './engine/combine.js';
import type { Evaluation, Finding } from './engine/evaluate.js';
import { describeEvidence } from './engine/reason.js';
import type { Policy } from './policy/build-policy.js';
import type { PolicyView } from './policy/policy-view.js';
import type { Profile } from './rules/rule-types.js';
import { redactSecrets, redactValue } from './secrets/scan.js';
import type { Decision, Evidence, RuleDecision } from './types.js';

export interface ExplainedMatch {
  ruleId: string;
  pack: string;
  description: string;
  /** The decision as the rule is written. */
  ruleDecision: RuleDecision;
  /** The decision after the profile and the policy's overrides. */
  decision: RuleDecision;
  /**
   * counted: it shaped the verdict; lifted: an allow rule of the policy lifted its ask;
   * disabled: the policy switched it off, so it did not count.
   */
  status: 'counted' | 'lifted' | 'disabled';
  locked: boolean;
  evidence: Evidence;
  /** The evidence in words: which command, words or path matched. */
  matched: string;
  reason: string;
  suggestion?: string;
}

export interface Explanation {
  verdict: Decision['verdict'];
  decision: Decision;
  profile: Profile;
  policyVersion: string;
  /** Shell calls: every simple command the guard found, rendered. */
  commands: string[];
  matches: ExplainedMatch[];
}

function explained(
  finding: Finding,
  status: ExplainedMatch['status'],
  policy: Policy,
): ExplainedMatch {
  const rule = policy.rules.get(finding.ruleId);
  const evidence = redactValue(finding.evidence);
  const match: ExplainedMatch = {
    ruleId: finding.ruleId,
    pack: finding.pack,
    description: rule?.description ?? finding.reason,
    ruleDecision: rule?.decision ?? finding.decision,
    decision: finding.decision,
    status,
    locked: finding.locked,
    evidence,
    matched: describeEvidence(evidence),
    reason: finding.reason,
  };
  if (finding.suggestion !== undefined) match.suggestion = finding.suggestion;
  return match;
}

export function explainEvaluation(
  evaluation: Evaluation,
  decision: Decision,
  view: PolicyView,
  policy: Policy,
): Explanation {
  const combined = combine(evaluation.findings);
  const lifted = new Set(combined.lifted);
  const matches = [
    ...combined.counted.map((finding) => explained(finding, 'counted', policy)),
    ...evaluation.findings
      .filter((finding) => lifted.has(finding))
      .map((finding) => explained(finding, 'lifted', policy)),
    ...evaluation.findings
      .filter((finding) => finding.status === 'disabled')
      .map((finding) => explained(finding, 'disabled', policy)),
  ];
  return {
    verdict: decision.verdict,
    decision: redactValue(decision),
    profile: view.profile,
    policyVersion: policy.version,
    commands: (evaluation.commands ?? []).map(redactSecrets),
    matches,
  };
}
