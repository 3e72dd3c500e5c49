import type { JsonValue } from '../../events/envelope.js';
import type { Fallback, Risk } from '../rules/rule-types.js';

/** How a review ended. */
export interface ReviewOutcome {
  decision: Fallback;
  /** Consensus of the experts, an admin's direct decision, or the fallback at the deadline. */
  resolvedBy: 'experts' | 'admin' | 'fallback';
  /** The expert whose decision settled it, or the admin; null for the fallback. */
  by: string | null;
  reason: string;
}

/** A review as the guard follows it. */
export interface ReviewStatus {
  reviewId: string;
  /** ISO time after which the fallback applies. */
  deadline: string;
  /** Null while the experts have not settled it. */
  outcome: ReviewOutcome | null;
}

/** An escalated call, put before the experts. */
export interface ReviewOpening {
  requester: { agentId: string; name: string };
  tool: string;
  /** The call in a line or a few: the commands, or the tool input. */
  summary: string;
  normalizedInput: JsonValue;
  ruleIds: string[];
  reason: string;
  risk: Risk;
  capability: string;
  fallback: Fallback;
  timeoutMs: number;
}

/** Where the guard sends escalations: the experts' reviews, as the bridge runs them. */
export interface Reviewer {
  /** Whether enough experts other than the requester hold the capability to settle such a review. */
  canSettle(capability: string, risk: Risk, requesterId: string): boolean;
  open(opening: ReviewOpening): Promise<ReviewStatus>;
  /** The review as it stands, or null when there is no such review. */
  status(reviewId: string): ReviewStatus | null;
  /** The review once settled, or as it stands after `waitMs` or when `signal` aborts. */
  waitForOutcome(reviewId: string, waitMs: number, signal: AbortSignal): Promise<ReviewStatus>;
}
