export {
  askOnEscalation,
  type Escalation,
  type EscalationOutcome,
  type EscalationRequest,
} from './engine/escalation.js';
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
export type { PolicySpec, RuleSpec } from './rules/rule-types.js';
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
