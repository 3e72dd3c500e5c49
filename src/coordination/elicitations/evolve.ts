import type { JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';
import type { ElicitationAsked, ElicitationEvent, ElicitationStatus } from './events.js';

/** A question and how it ended: `answer` holds the answer's data once answered. */
export type Elicitation = ElicitationAsked['data'] & {
  status: ElicitationStatus;
  answer: JsonValue;
  closedBy: AgentRef | null;
  closedAt: string | null;
  reason: string | null;
};

export type ElicitationState = Elicitation | null;

export function initialElicitationState(): ElicitationState {
  return null;
}

export function evolveElicitation(
  state: ElicitationState,
  event: ElicitationEvent,
): ElicitationState {
  if (event.type === 'ElicitationAsked') {
    return {
      ...event.data,
      status: 'open',
      answer: null,
      closedBy: null,
      closedAt: null,
      reason: null,
    };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'ElicitationAnswered':
      return {
        ...state,
        status: 'answered',
        answer: event.data.data,
        closedBy: event.data.by,
        closedAt: event.data.answeredAt,
      };
    case 'ElicitationDeclined':
      return {
        ...state,
        status: 'declined',
        closedBy: event.data.by,
        closedAt: event.data.declinedAt,
        reason: event.data.reason,
      };
    case 'ElicitationCancelled':
      return {
        ...state,
        status: 'cancelled',
        closedBy: event.data.by,
        closedAt: event.data.cancelledAt,
        reason: event.data.reason,
      };
    case 'ElicitationExpired':
      return { ...state, status: 'expired', closedAt: event.data.expiredAt };
    default:
      return state;
  }
}
