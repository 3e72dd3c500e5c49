import type { EventEnvelope, JsonObject, JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';
import { parseAddress } from '../addresses.js';
import {
  ELICITATION_STREAM_PREFIX,
  type ElicitationAnswered,
  type ElicitationAsked,
} from '../elicitations/events.js';
import { LEASES_STREAM, type LeaseAcquired } from '../leases/events.js';
import { MESSAGE_STREAM_PREFIX, type MessageSent } from '../messages/events.js';
import { REVIEW_STREAM_PREFIX, type ReviewOpened } from '../reviews/events.js';
import { TASK_STREAM_PREFIX, type TaskDispatched } from '../tasks/events.js';
import type { Audience } from './audience.js';

export const FEED_KINDS = [
  'message',
  'question',
  'question_closed',
  'task',
  'task_update',
  'review',
  'review_resolved',
  'lease_conflict',
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** One item of an agent's feed: its log position, what it is, and what the agent acts on. */
export type FeedItem = { position: number; kind: FeedKind } & JsonObject;

export interface RoutedItem {
  item: FeedItem;
  audience: Audience;
}

/** Who started a question, task, review or lease (by its subject key): follow-ups go back to them. */
export interface OriginLookup {
  originOf(key: string): string | undefined;
}

/** The thing a domain's events are about: where they are recorded and how one is named. */
interface Subject {
  /** Events of the same type in other streams are not the domain's and are never routed. */
  prefix: string;
  idField: string;
  keyOf(event: EventEnvelope): string;
  idOf(event: EventEnvelope): string;
}

function subjectPerStream(prefix: string, idField: string): Subject {
  return {
    prefix,
    idField,
    keyOf: (event) => event.streamId,
    idOf: (event) => event.streamId.slice(prefix.length),
  };
}

const leaseIdOf = (event: EventEnvelope) => (event.data as { leaseId: string }).leaseId;
const MESSAGES = subjectPerStream(MESSAGE_STREAM_PREFIX, 'messageId');
const QUESTIONS = subjectPerStream(ELICITATION_STREAM_PREFIX, 'elicitationId');
const TASKS = subjectPerStream(TASK_STREAM_PREFIX, 'taskId');
const REVIEWS = subjectPerStream(REVIEW_STREAM_PREFIX, 'reviewId');
const LEASES: Subject = {
  prefix: LEASES_STREAM,
  idField: 'leaseId',
  keyOf: leaseIdOf,
  idOf: leaseIdOf,
};

interface Routed {
  kind: FeedKind;
  audience: Audience;
  fields: JsonObject;
}

interface Route {
  subject: Subject;
  /** For an event that starts a subject: the agent its follow-ups go back to. */
  startedBy?: (event: EventEnvelope) => string;
  route(event: EventEnvelope, origins: OriginLookup): Routed | null;
}

type Data = Record<string, unknown>;

function toAgents(agentIds: Iterable<string>): Audience {
  return { kind: 'agents', agentIds: new Set(agentIds) };
}

function toAddress(to: string, except: string): Audience {
  return { kind: 'address', address: parseAddress(to), except };
}

/**
 * A follow-up told to whoever started the subject, unless that agent caused it itself (an asker
 * cancelling its own question, say). `fieldsOf` picks what the originator acts on.
 */
function backToOrigin(
  subject: Subject,
  kind: FeedKind,
  status: string,
  fieldsOf: (data: Data) => { by: AgentRef | null } & JsonObject,
): Route {
  return {
    subject,
    route(event, origins) {
      const origin = origins.originOf(subject.keyOf(event));
      if (origin === undefined) return null;
      const fields = fieldsOf(event.data as Data);
      if (fields.by?.agentId === origin) return null;
      return {
        kind,
        audience: toAgents([origin]),
        fields: { [subject.idField]: subject.idOf(event), status, ...fields },
      };
    },
  };
}

const byOf = (data: Data) => (data.by ?? null) as AgentRef | null;

/** Which events go into which agents' feeds: by event type, for the domain's own streams only. */
const ROUTES: Record<string, Route> = {
  MessageSent: {
    subject: MESSAGES,
    route(event) {
      // A broadcast lists every recipient; the feed says only who it was addressed to.
      const { recipients, ...message } = event.data as MessageSent['data'];
      return {
        kind: 'message',
        audience: toAgents(recipients.map((recipient) => recipient.agentId)),
        fields: message,
      };
    },
  },
  ElicitationAsked: {
    subject: QUESTIONS,
    startedBy: (event) => (event.data as ElicitationAsked['data']).from.agentId,
    route(event) {
      const question = event.data as ElicitationAsked['data'];
      return {
        kind: 'question',
        audience: toAddress(question.to, question.from.agentId),
        fields: question,
      };
    },
  },
  ElicitationAnswered: backToOrigin(QUESTIONS, 'question_closed', 'answered', (data) => {
    const { by, data: answer, answeredAt } = data as ElicitationAnswered['data'];
    return { by, answer, at: answeredAt };
  }),
  ElicitationDeclined: backToOrigin(QUESTIONS, 'question_closed', 'declined', (data) => ({
    by: byOf(data),
    reason: data.reason as string,
    at: data.declinedAt as string,
  })),
  ElicitationCancelled: backToOrigin(QUESTIONS, 'question_closed', 'cancelled', (data) => ({
    by: byOf(data),
    reason: data.reason as string,
    at: data.cancelledAt as string,
  })),
  ElicitationExpired: backToOrigin(QUESTIONS, 'question_closed', 'expired', (data) => ({
    by: null,
    at: data.expiredAt as string,
  })),
  TaskDispatched: {
    subject: TASKS,
    startedBy: (event) => (event.data as TaskDispatched['data']).by.agentId,
    route(event) {
      const task = event.data as TaskDispatched['data'];
      return { kind: 'task', audience: toAddress(task.to, task.by.agentId), fields: task };
    },
  },
  TaskClaimed: backToOrigin(TASKS, 'task_update', 'claimed', (data) => ({
    by: byOf(data),
    at: data.claimedAt as string,
  })),
  TaskCompleted: backToOrigin(TASKS, 'task_update', 'completed', (data) => ({
    by: byOf(data),
    result: data.result as JsonValue,
    at: data.completedAt as string,
  })),
  TaskFailed: backToOrigin(TASKS, 'task_update', 'failed', (data) => ({
    by: byOf(data),
    error: data.error as string,
    at: data.failedAt as string,
  })),
  TaskReleased: backToOrigin(TASKS, 'task_update', 'released', (data) => ({
    by: byOf(data),
    reason: data.reason as string,
    at: data.releasedAt as string,
  })),
  TaskClaimExpired: backToOrigin(TASKS, 'task_update', 'claim_expired', (data) => ({
    by: null,
    claimant: data.claimant as AgentRef,
    at: data.expiredAt as string,
  })),
  ReviewOpened: {
    subject: REVIEWS,
    startedBy: (event) => (event.data as ReviewOpened['data']).requester.agentId,
    route(event) {
      const review = event.data as ReviewOpened['data'];
      return {
        kind: 'review',
        audience: {
          kind: 'reviewers',
          capability: review.capability,
          except: review.requester.agentId,
        },
        fields: review,
      };
    },
  },
  ReviewResolved: backToOrigin(REVIEWS, 'review_resolved', 'resolved', (data) => ({
    by: byOf(data),
    decision: data.decision as string,
    resolvedBy: data.resolvedBy as string,
    reason: data.reason as string,
    at: data.resolvedAt as string,
  })),
  LeaseAcquired: {
    subject: LEASES,
    startedBy: (event) => (event.data as LeaseAcquired['data']).holder.agentId,
    route: () => null,
  },
  // Acquisitions that clash are refused, not recorded; what the log shows is a holder losing its
  // lease to someone else.
  LeaseForceReleased: backToOrigin(LEASES, 'lease_conflict', 'force_released', (data) => ({
    by: byOf(data),
    reason: data.reason as string,
    at: data.releasedAt as string,
  })),
};

/** The event types any feed is made of: what the fan-out subscribes to. */
export const FEED_EVENT_TYPES: string[] = Object.keys(ROUTES);

function routeOf(event: EventEnvelope): Route | undefined {
  const route = Object.hasOwn(ROUTES, event.type) ? ROUTES[event.type] : undefined;
  return route && event.streamId.startsWith(route.subject.prefix) ? route : undefined;
}

/** The subject an event starts and who started it, or null for any other event. */
export function originOfEvent(event: EventEnvelope): { key: string; agentId: string } | null {
  const route = routeOf(event);
  if (!route?.startedBy) return null;
  return { key: route.subject.keyOf(event), agentId: route.startedBy(event) };
}

/** The feed item an event makes and who it is for, or null when it belongs in no feed. */
export function routeEvent(event: EventEnvelope, origins: OriginLookup): RoutedItem | null {
  const routed = routeOf(event)?.route(event, origins);
  if (!routed) return null;
  return {
    item: { ...routed.fields, position: event.position, kind: routed.kind },
    audience: routed.audience,
  };
}
