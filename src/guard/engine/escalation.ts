import type { NormalizedInput, RuleMatch, ToolCall, Verdict } from '../types.js';

/** A call whose strongest rule says `escalate`: someone other than the agent should judge it. */
export interface EscalationRequest {
  call: ToolCall;
  normalized: NormalizedInput;
  /** The matches that asked for the escalation. */
  matches: readonly RuleMatch[];
  policyVersion: string;
}

export interface EscalationOutcome {
  verdict: Verdict;
  /** Appended to the decision's reason. */
  note: string;
  /** False when the outcome depends on time or outside state: the decision is then not cached. */
  deterministic: boolean;
}

/**
 * Where expert review plugs in. It is consulted only when no rule denies, so whatever it answers
 * can never turn a deny into an allow. It must answer synchronously: it may only look at state it
 * already holds (pending reviews, standing approvals), never wait for a reviewer.
 */
export interface Escalation {
  escalate(request: EscalationRequest): EscalationOutcome;
}

/** Until reviewers are connected, an escalation asks the human at the keyboard. */
export const askOnEscalation: Escalation = {
  escalate: () => ({
    verdict: 'ask',
    note: 'This call needs a second opinion; no reviewer is connected, so the user is asked.',
    deterministic: true,
  }),
};
