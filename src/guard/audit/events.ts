import type { DomainEvent } from '../../events/decider.js';
import type { Fallback, Risk } from '../rules/rule-types.js';
import type { RuleDecision, Verdict } from '../types.js';

/**
 * One stream per agent holds its guarded calls: every decision and every outcome. Appends need
 * no read first (the stream's order is the log's), they never conflict across agents, and one
 * agent's history is a single stream to read. Sessions are a filter on it, through the indexed
 * correlation id, rather than streams of their own: their ids come from the client.
 */
export const GUARD_CALLS_STREAM_PREFIX = '$guard-calls-';
/** One stream per approval code: granting and consuming it is decided on that stream alone. */
export const GUARD_APPROVAL_STREAM_PREFIX = '$guard-approval-';

export function guardCallsStreamId(agentName: string): string {
  return `${GUARD_CALLS_STREAM_PREFIX}${agentName}`;
}

export function approvalStreamId(code: string): string {
  return `${GUARD_APPROVAL_STREAM_PREFIX}${code}`;
}

/** What the audit keeps of a call's input: the guard's canonical form, secrets redacted. */
export type RecordedInput = {
  cwd: string;
  /** Canonical JSON of the judged fields. */
  input: string;
  /** For shell calls, every simple command found; empty for other tools. */
  commands: string[];
};

/** The expert review an escalated call went to, as it stood when the call was answered. */
export type RecordedReview = {
  reviewId: string;
  capability: string;
  risk: Risk;
  /** Pending when the wait ran out first: the rule's fallback answered meanwhile. */
  status: 'resolved' | 'pending';
  outcome: Fallback | null;
  resolvedBy: 'experts' | 'admin' | 'fallback' | null;
  /** The expert or admin who settled it. */
  by: string | null;
  /** How long the call was held waiting for it. */
  waitedMs: number;
};

export type RecordedDecision = {
  agentId: string;
  agent: string;
  sessionId: string | null;
  toolUseId: string | null;
  tool: string;
  input: RecordedInput;
  verdict: Verdict;
  /** What the rules said; differs from the verdict when an escalation asks or an approval allows. */
  ruleDecision: RuleDecision;
  ruleIds: string[];
  reason: string;
  durationMicros: number;
  policyVersion: string;
  cached: boolean;
  /** Offered with an overridable denial: a human may allow this exact call once. */
  approvalCode: string | null;
  /** Digest of the exact call (agent, policy version, tool, cwd, canonical input) the code stands for. */
  inputDigest: string | null;
  /** Who approved the code this call consumed, when an approval allowed it. */
  approvedBy: string | null;
  /** Why the guard could not decide, when the call was denied for that. */
  failure: string | null;
  /** Escalated calls put before experts; absent otherwise (and in events older than reviews). */
  review?: RecordedReview;
};

export type GuardDecisionRecorded = DomainEvent<'GuardDecisionRecorded', RecordedDecision>;

export type RecordedOutcome = {
  agentId: string;
  agent: string;
  sessionId: string | null;
  toolUseId: string | null;
  tool: string;
  success: boolean;
  /** A short account of the result or the error, secrets redacted. */
  summary: string;
  truncated: boolean;
};

export type ToolCallCompleted = DomainEvent<'ToolCallCompleted', RecordedOutcome>;

export type ApprovalGrant = {
  code: string;
  agentId: string;
  agent: string;
  tool: string;
  inputDigest: string;
  policyVersion: string;
  /** The denied call as recorded, for the approver to see what was allowed. */
  summary: string;
  approvedBy: string;
  /** Epoch milliseconds. */
  grantedAt: number;
  expiresAt: number;
};

export type GuardApprovalGranted = DomainEvent<'GuardApprovalGranted', ApprovalGrant>;

export type GuardApprovalConsumed = DomainEvent<
  'GuardApprovalConsumed',
  { code: string; agentId: string; sessionId: string | null; toolUseId: string | null; at: number }
>;

export type ApprovalEvent = GuardApprovalGranted | GuardApprovalConsumed;
