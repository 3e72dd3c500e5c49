import type { DomainEvent } from '../../events/decider.js';
import type { JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';

/** One stream per review: `$review-<reviewId>`. */
export const REVIEW_STREAM_PREFIX = '$review-';

export const REVIEW_RISKS = ['normal', 'high'] as const;
export type ReviewRisk = (typeof REVIEW_RISKS)[number];

/** What a review ends in, and what the fallback at the deadline is. */
export const REVIEW_DECISIONS = ['allow', 'deny'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export type ReviewResolver = 'experts' | 'admin' | 'fallback';

/** A tool call the guard escalated, pushed to the experts holding `capability`. */
export type ReviewOpened = DomainEvent<
  'ReviewOpened',
  {
    reviewId: string;
    /** The agent whose tool call is reviewed; it may not review it. */
    requester: AgentRef;
    toolCall: { tool: string; summary: string };
    /** The call as the guard normalized it. */
    normalizedInput: JsonValue;
    ruleIds: string[];
    reason: string;
    risk: ReviewRisk;
    capability: string;
    fallback: ReviewDecision;
    openedAt: string;
    deadline: string;
  }
>;

export type ReviewDecisionRecorded = DomainEvent<
  'ReviewDecisionRecorded',
  { expert: AgentRef; approve: boolean; reason: string; decidedAt: string }
>;

/** `by` is the expert whose decision settled it, the admin who decided, or null for the fallback. */
export type ReviewResolved = DomainEvent<
  'ReviewResolved',
  {
    decision: ReviewDecision;
    resolvedBy: ReviewResolver;
    by: AgentRef | null;
    reason: string;
    resolvedAt: string;
  }
>;

/** An admin's intent to turn a decided review into a policy rule; the guard applies it. */
export type ReviewPromotedToRule = DomainEvent<
  'ReviewPromotedToRule',
  { by: AgentRef; rule: string; promotedAt: string }
>;

export type ReviewEvent =
  | ReviewOpened
  | ReviewDecisionRecorded
  | ReviewResolved
  | ReviewPromotedToRule;

export function reviewStreamId(reviewId: string): string {
  return `${REVIEW_STREAM_PREFIX}${reviewId}`;
}
