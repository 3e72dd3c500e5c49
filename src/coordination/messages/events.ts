import type { DomainEvent } from '../../events/decider.js';
import type { AgentRef } from '../actor.js';

/**
 * One stream per message, `$message-<messageId>`, for its sending, and one per recipient,
 * `$message-<messageId>/receipt-<agentId>`, for that recipient's read and acknowledgement: each
 * recipient writes only its own, so a broadcast read by many at once never contends.
 */
export const MESSAGE_STREAM_PREFIX = '$message-';

export const IMPORTANCE_LEVELS = ['low', 'normal', 'high', 'urgent'] as const;
export type Importance = (typeof IMPORTANCE_LEVELS)[number];

/** `recipients` are the agents the address reached when it was sent; they alone get it. */
export type MessageSent = DomainEvent<
  'MessageSent',
  {
    messageId: string;
    threadId: string;
    from: AgentRef;
    to: string;
    recipients: AgentRef[];
    subject: string;
    body: string;
    importance: Importance;
    ackRequired: boolean;
    /** Blob hashes of attached contents. */
    attachments: string[];
    sentAt: string;
  }
>;

export type MessageRead = DomainEvent<
  'MessageRead',
  { messageId: string; agentId: string; readAt: string }
>;

/** An acknowledgement also counts as reading. */
export type MessageAcknowledged = DomainEvent<
  'MessageAcknowledged',
  { messageId: string; agentId: string; acknowledgedAt: string }
>;

export type ReceiptEvent = MessageRead | MessageAcknowledged;

export type MessageEvent = MessageSent | ReceiptEvent;

export function messageStreamId(messageId: string): string {
  return `${MESSAGE_STREAM_PREFIX}${messageId}`;
}

export function receiptStreamId(messageId: string, agentId: string): string {
  return `${MESSAGE_STREAM_PREFIX}${messageId}/receipt-${agentId}`;
}
