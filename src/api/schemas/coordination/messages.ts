import {
  MAX_ATTACHMENTS,
  MAX_BODY_LENGTH,
  MAX_SUBJECT_LENGTH,
} from '../../../coordination/messages/decide.js';
import { IMPORTANCE_LEVELS } from '../../../coordination/messages/events.js';
import { MESSAGE_BOXES } from '../../../coordination/messages/inbox.js';
import { agentRef } from './common.js';

const messageId = { type: 'string', format: 'uuid' } as const;

export const sendMessageBody = {
  type: 'object',
  required: ['to', 'subject', 'body'],
  additionalProperties: false,
  properties: {
    to: {
      type: 'string',
      minLength: 1,
      description: 'agent name, role:<role>, capability:<name> or *',
    },
    subject: { type: 'string', minLength: 1, maxLength: MAX_SUBJECT_LENGTH },
    body: { type: 'string', maxLength: MAX_BODY_LENGTH },
    threadId: { ...messageId, description: 'continue this thread' },
    importance: { type: 'string', enum: IMPORTANCE_LEVELS },
    ackRequired: { type: 'boolean' },
    attachments: {
      type: 'array',
      maxItems: MAX_ATTACHMENTS,
      items: { type: 'string', description: 'hash of a blob stored through POST /v1/blobs' },
    },
  },
} as const;

export const inboxQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    box: { type: 'string', enum: MESSAGE_BOXES },
    unread: { type: 'boolean' },
    threadId: messageId,
    importance: { type: 'string', minLength: 1, description: 'comma-separated levels' },
    since: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', format: 'date-time' },
      ],
      description: 'ISO 8601 time or epoch milliseconds',
    },
    query: { type: 'string', description: 'words that must all appear in subject or body' },
    before: { ...messageId, description: 'the next cursor of the previous page' },
    limit: { type: 'integer', minimum: 1 },
  },
} as const;

const receipts = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const messageResponse = {
  type: 'object',
  properties: {
    messageId: { type: 'string' },
    threadId: { type: 'string' },
    from: agentRef,
    to: { type: 'string' },
    recipients: { type: 'array', items: agentRef },
    subject: { type: 'string' },
    body: { type: 'string' },
    importance: { type: 'string' },
    ackRequired: { type: 'boolean' },
    attachments: { type: 'array', items: { type: 'string' } },
    sentAt: { type: 'string' },
    readBy: receipts,
    acknowledgedBy: receipts,
    read: { type: 'boolean' },
    acknowledged: { type: 'boolean' },
  },
} as const;

export const inboxResponse = {
  type: 'object',
  properties: {
    messages: { type: 'array', items: messageResponse },
    next: { type: ['string', 'null'] },
  },
} as const;
