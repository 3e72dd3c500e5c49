import { isBlobHash } from '../../events/blobs.js';
import type { Decider } from '../../events/decider.js';
import { isUuid } from '../../events/uuid.js';
import type { AgentRef } from '../actor.js';
import { formatAddress, parseAddress } from '../addresses.js';
import { CoordinationError, invalidInput } from '../errors.js';
import { checkBoolean, checkOneOf, checkText } from '../fields.js';
import { isoAt } from '../time.js';
import { IMPORTANCE_LEVELS, type MessageSent, type ReceiptEvent } from './events.js';
import {
  evolveMessage,
  evolveReceipt,
  initialMessageState,
  initialReceipt,
  type MessageState,
  type Receipt,
} from './evolve.js';

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_BODY_LENGTH = 64 * 1024;
export const MAX_ATTACHMENTS = 20;

export type SendMessage = {
  type: 'SendMessage';
  messageId: string;
  /** The thread it answers; null starts a new thread named after the message. */
  threadId: string | null;
  from: AgentRef;
  to: string;
  recipients: AgentRef[];
  subject: string;
  body: string;
  importance?: string;
  ackRequired?: boolean;
  attachments?: string[];
  now: number;
};

/** `recipient`: whether the message was sent to the agent, as the service found it. */
export type ReceiptCommand = {
  type: 'MarkRead' | 'Acknowledge';
  messageId: string;
  agentId: string;
  recipient: boolean;
  now: number;
};

export function checkAttachments(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_ATTACHMENTS) {
    throw invalidInput('attachments', `attachments must be a list of at most ${MAX_ATTACHMENTS}`);
  }
  for (const hash of value) {
    if (typeof hash !== 'string' || !isBlobHash(hash)) {
      throw invalidInput(
        'attachments',
        `attachment ${JSON.stringify(hash)} is not a blob hash (64 lowercase hex digits)`,
      );
    }
  }
  if (new Set(value).size !== value.length) {
    throw invalidInput('attachments', 'attachments must not repeat');
  }
  return value as string[];
}

export function decideSend(command: SendMessage, state: MessageState): MessageSent[] {
  const to = formatAddress(parseAddress(command.to));
  const subject = checkText(command.subject, 'subject', MAX_SUBJECT_LENGTH);
  const body = checkText(command.body, 'body', MAX_BODY_LENGTH, 0);
  const importance = checkOneOf(command.importance, 'importance', IMPORTANCE_LEVELS, 'normal');
  const ackRequired = checkBoolean(command.ackRequired, 'ackRequired', false);
  const attachments = checkAttachments(command.attachments);
  if (command.threadId !== null && !isUuid(command.threadId)) {
    throw invalidInput('threadId', 'threadId must be the id of a thread');
  }
  if (command.recipients.length === 0) {
    throw new CoordinationError('no_recipients', `${to} reaches no agent`, { address: to });
  }
  if (state !== null) {
    throw new CoordinationError('already_exists', `message ${command.messageId} exists already`);
  }
  const { messageId, from, recipients } = command;
  return [
    {
      type: 'MessageSent',
      data: {
        messageId,
        threadId: command.threadId ?? messageId,
        from,
        to,
        recipients,
        subject,
        body,
        importance,
        ackRequired,
        attachments,
        sentAt: isoAt(command.now),
      },
    },
  ];
}

/** Idempotent: a receipt already recorded records nothing. */
export function decideReceipt(command: ReceiptCommand, receipt: Receipt): ReceiptEvent[] {
  const { messageId, agentId } = command;
  if (!command.recipient) {
    throw new CoordinationError(
      'not_recipient',
      `only a recipient of message ${messageId} may mark it read or acknowledge it`,
    );
  }
  const at = isoAt(command.now);
  if (command.type === 'MarkRead') {
    return receipt.read ? [] : [{ type: 'MessageRead', data: { messageId, agentId, readAt: at } }];
  }
  return receipt.acknowledged
    ? []
    : [{ type: 'MessageAcknowledged', data: { messageId, agentId, acknowledgedAt: at } }];
}

export const messageDecider: Decider<SendMessage, MessageState, MessageSent> = {
  decide: decideSend,
  evolve: evolveMessage,
  initialState: initialMessageState,
};

export const receiptDecider: Decider<ReceiptCommand, Receipt, ReceiptEvent> = {
  decide: decideReceipt,
  evolve: evolveReceipt,
  initialState: initialReceipt,
};
