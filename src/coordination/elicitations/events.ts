import type { DomainEvent } from '../../events/decider.js';
import type { JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';

/** One stream per question: `$elicitation-<elicitationId>`. */
export const ELICITATION_STREAM_PREFIX = '$elicitation-';

export const ELICITATION_STATUSES = [
  'open',
  'answered',
  'declined',
  'cancelled',
  'expired',
] as const;
export type ElicitationStatus = (typeof ELICITATION_STATUSES)[number];

export type ElicitationAsked = DomainEvent<
  'ElicitationAsked',
  {
    elicitationId: string;
    from: AgentRef;
    to: string;
    question: string;
    /** The JSON Schema an answer must match. */
    schema: JsonValue;
    askedAt: string;
    deadline: string;
  }
>;

export type ElicitationAnswered = DomainEvent<
  'ElicitationAnswered',
  { by: AgentRef; data: JsonValue; answeredAt: string }
>;

export type ElicitationDeclined = DomainEvent<
  'ElicitationDeclined',
  { by: AgentRef; reason: string; declinedAt: string }
>;

export type ElicitationCancelled = DomainEvent<
  'ElicitationCancelled',
  { by: AgentRef; reason: string; cancelledAt: string }
>;

export type ElicitationExpired = DomainEvent<'ElicitationExpired', { expiredAt: string }>;

export type ElicitationEvent =
  | ElicitationAsked
  | ElicitationAnswered
  | ElicitationDeclined
  | ElicitationCancelled
  | ElicitationExpired;

export function elicitationStreamId(elicitationId: string): string {
  return `${ELICITATION_STREAM_PREFIX}${elicitationId}`;
}
