import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import { isUuid } from '../../events/uuid.js';
import { invalidInput } from '../errors.js';
import { checkWholeNumber } from '../fields.js';
import type { ProjectionModel } from '../projection.js';
import { epochOf } from '../time.js';
import { IMPORTANCE_LEVELS, type Importance, type MessageEvent } from './events.js';
import { evolveMessage, isRecipient, type Message } from './evolve.js';
import { intersectSorted, mergeSorted, SearchIndex } from './search-index.js';

export const MESSAGE_BOXES = ['inbox', 'sent', 'all'] as const;
export type MessageBox = (typeof MESSAGE_BOXES)[number];

/** What a caller may ask of an inbox; every field is optional. */
export interface InboxFilter {
  /** `inbox` (received, the default), `sent`, or `all` of both. */
  box?: MessageBox;
  unread?: boolean;
  threadId?: string;
  importance?: readonly string[];
  /** Sent at or after: ISO time or epoch milliseconds. */
  since?: string | number;
  /** Words that must all appear in the subject or body. */
  query?: string;
  /** Only messages older than this message (a cursor for the next page). */
  before?: string;
  /** At most this many, newest first (default 50, at most 500). */
  limit?: number;
}

/** An inbox filter checked and reduced to what the model needs. */
export interface InboxQuery {
  box: MessageBox;
  unread: boolean;
  threadId: string | null;
  importance: readonly Importance[] | null;
  sinceMs: number | null;
  query: string | null;
  before: string | null;
  limit: number;
}

const MAX_QUERY_LENGTH = 500;

function checkSince(since: unknown): number | null {
  if (since === undefined) return null;
  const at = typeof since === 'number' ? since : typeof since === 'string' ? epochOf(since) : NaN;
  if (!Number.isFinite(at))
    throw invalidInput('since', 'since must be an ISO time or epoch milliseconds');
  return at;
}

export function checkInboxFilter(filter: InboxFilter): InboxQuery {
  const box = filter.box ?? 'inbox';
  if (!MESSAGE_BOXES.includes(box)) {
    throw invalidInput('box', `box must be one of ${MESSAGE_BOXES.join(', ')}`);
  }
  const importance = filter.importance ?? null;
  if (
    importance !== null &&
    !importance.every((level) => IMPORTANCE_LEVELS.includes(level as Importance))
  ) {
    throw invalidInput('importance', `importance must be among ${IMPORTANCE_LEVELS.join(', ')}`);
  }
  for (const [field, id] of [
    ['threadId', filter.threadId],
    ['before', filter.before],
  ] as const) {
    if (id !== undefined && !isUuid(id)) throw invalidInput(field, `${field} must be a message id`);
  }
  if (
    filter.query !== undefined &&
    (typeof filter.query !== 'string' || filter.query.length > MAX_QUERY_LENGTH)
  ) {
    throw invalidInput('query', `query must be at most ${MAX_QUERY_LENGTH} characters`);
  }
  return {
    box,
    unread: filter.unread === true,
    threadId: filter.threadId?.toLowerCase() ?? null,
    importance: importance as readonly Importance[] | null,
    sinceMs: checkSince(filter.since),
    query: filter.query ?? null,
    before: filter.before?.toLowerCase() ?? null,
    limit: checkWholeNumber(filter.limit, 'limit', { min: 1, max: 500, fallback: 50 }),
  };
}

export function canSee(message: Message, agentId: string): boolean {
  return message.from.agentId === agentId || isRecipient(message, agentId);
}

/**
 * Every message, numbered in log order, with per-agent inbox and sent lists, threads and a word
 * index over subjects and bodies. All lists hold message numbers in ascending order.
 */
export class InboxModel implements ProjectionModel {
  private messages: Message[] = [];
  private numbers = new Map<string, number>();
  private received = new Map<string, number[]>();
  private sent = new Map<string, number[]>();
  private threads = new Map<string, number[]>();
  private index = new SearchIndex();

  get(messageId: string): Message | undefined {
    const number = this.numbers.get(messageId);
    return number === undefined ? undefined : this.messages[number];
  }

  /** Whether the agent sent or received a message of the thread. */
  isParticipant(threadId: string, agentId: string): boolean {
    return (this.threads.get(threadId) ?? []).some((number) =>
      canSee(this.messages[number] as Message, agentId),
    );
  }

  /** The viewer's messages matching the query, newest first. */
  list(viewerId: string, query: InboxQuery): Message[] {
    let candidates = this.box(viewerId, query.box);
    if (query.threadId !== null) {
      candidates = intersectSorted(candidates, this.threads.get(query.threadId) ?? []);
    }
    if (query.query !== null) {
      const hits = this.index.search(query.query);
      if (hits !== null) candidates = intersectSorted(candidates, hits);
    }
    const before = query.before === null ? undefined : this.numbers.get(query.before);
    const found: Message[] = [];
    for (let at = candidates.length - 1; at >= 0 && found.length < query.limit; at--) {
      const number = candidates[at] as number;
      if (before !== undefined && number >= before) continue;
      const message = this.messages[number] as Message;
      if (query.sinceMs !== null && epochOf(message.sentAt) < query.sinceMs) continue;
      if (query.importance !== null && !query.importance.includes(message.importance)) continue;
      if (query.unread && (!isRecipient(message, viewerId) || viewerId in message.readBy)) continue;
      found.push(message);
    }
    return found;
  }

  apply(event: EventEnvelope): void {
    const typed = { type: event.type, data: event.data } as MessageEvent;
    if (typed.type === 'MessageSent') {
      this.add(evolveMessage(null, typed) as Message);
      return;
    }
    const number = this.numbers.get(typed.data.messageId);
    if (number === undefined) return;
    this.messages[number] = evolveMessage(this.messages[number] as Message, typed) as Message;
  }

  save(): JsonValue {
    return { messages: [...this.messages] };
  }

  load(state: JsonValue): void {
    this.messages = [];
    this.numbers = new Map();
    this.received = new Map();
    this.sent = new Map();
    this.threads = new Map();
    this.index = new SearchIndex();
    for (const message of (state as { messages: Message[] }).messages) this.add(message);
  }

  private box(viewerId: string, box: MessageBox): number[] {
    const received = this.received.get(viewerId) ?? [];
    const sent = this.sent.get(viewerId) ?? [];
    if (box === 'inbox') return received;
    if (box === 'sent') return sent;
    return mergeSorted(received, sent);
  }

  private add(message: Message): void {
    const number = this.messages.length;
    this.messages.push(message);
    this.numbers.set(message.messageId, number);
    for (const recipient of message.recipients) append(this.received, recipient.agentId, number);
    append(this.sent, message.from.agentId, number);
    append(this.threads, message.threadId, number);
    this.index.add(number, `${message.subject}\n${message.body}`);
  }
}

function append(lists: Map<string, number[]>, key: string, number: number): void {
  const list = lists.get(key);
  if (list) list.push(number);
  else lists.set(key, [number]);
}
