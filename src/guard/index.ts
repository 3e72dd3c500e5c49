export { type EscalationRequest, NO_REVIEWER_NOTE } from './engine/escalation.js';
export type { ExplainedMatch, Explanation } from './explain.js';
export {
  createGuard,
  DEFAULT_CACHE_SIZE,
  type Guard,
  type GuardOptions,
  type ReloadEvent,
  type ReloadProblem,
  type ReloadStatus,
} from './guard.js';
export {
  DEFAULT_LEASE_CONFLICT,
  type LeaseConflictDecision,
  type LeaseHold,
  type LeaseLookup,
} from './leases/lease-check.js';
export { BUILT_IN_PACKS_DIR } from './packs/load-packs.js';
export { readGuardSection } from './policy/config-section.js';
export { META_RULES } from './policy/meta-rules.js';
export { POLICY_FILE } from './policy/policy-loader.js';
export {
  checkPolicyCase,
  type PolicyCase,
  type PolicyCaseMiss,
  type PolicyCaseReport,
  parsePolicyCases,
  runPolicyCases,
} from './policy-cases.js';
export {
  DEFAULT_REVIEW_CAPABILITY,
  DEFAULT_REVIEW_TIMEOUT_MS,
  DEFAULT_REVIEW_WAIT_MS,
  ReviewGate,
  type ReviewGateOptions,
  type Settled,
} from './reviews/review-gate.js';
export type {
  Reviewer,
  ReviewOpening,
  ReviewOutcome,
  ReviewStatus,
} from './reviews/reviewer.js';
export type { Fallback, PolicySpec, Risk, RuleSpec } from './rules/rule-types.js';
export { type FoundSecret, findSecrets, redactSecrets, redactValue } from './secrets/scan.js';
export type {
  Decision,
  Evidence,
  GuardAgent,
  NormalizedInput,
  RuleDecision,
  RuleMatch,
  ToolCall,
  Verdict,
} from './types.js';
