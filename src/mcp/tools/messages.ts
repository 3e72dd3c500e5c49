import * as z from 'zod';
import { MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../../coordination/messages/decide.js';
import { IMPORTANCE_LEVELS } from '../../coordination/messages/events.js';
import { MESSAGE_BOXES } from '../../coordination/messages/inbox.js';
import type { MessageView } from '../../coordination/messages/service.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { messageView, nextCursor } from './views.js';

export const ADDRESS_HELP =
  'an agent name, role:<role> (admin, builder, expert, observer), capability:<name>, or * for every agent';

const messageId = z.string().describe('A message id');

const sendMessage = defineTool({
  name: 'send_message',
  title: 'Send a message',
  description:
    'Send a message to other agents of the team. It is delivered to every registered agent the address reaches now (a group address never includes you). Give threadId to answer within a thread; without it the message starts a new thread. Set ackRequired when the recipients must confirm they acted on it.',
  effect: 'create',
  permission: 'coordination:act',
  input: z.strictObject({
    to: z.string().describe(`Who gets it: ${ADDRESS_HELP}`),
    subject: z.string().min(1).max(MAX_SUBJECT_LENGTH),
    body: z.string().max(MAX_BODY_LENGTH).describe('The text; Markdown is fine'),
    threadId: z.string().optional().describe('Continue this thread (a thread id from a message)'),
    importance: z.enum(IMPORTANCE_LEVELS).optional().describe('Default normal'),
    ackRequired: z.boolean().optional().describe('Ask recipients to acknowledge it; default false'),
  }),
  output: z.object({ message: messageView }),
  run: async ({ args, principal, services }) => ({
    message: await services.coordination.messages.send(principal, args),
  }),
});

const readInbox = defineTool({
  name: 'read_inbox',
  title: 'Read my inbox',
  description:
    'List the messages sent to you (or those you sent), newest first, with whether you have read and acknowledged each. Filter by unread, thread, importance, time or words; page with before. Reading here marks nothing: use acknowledge_messages once you have handled messages.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({
    box: z.enum(MESSAGE_BOXES).optional().describe('inbox (received, the default), sent or all'),
    unread: z.boolean().optional().describe('Only messages you have not read or acknowledged'),
    threadId: z.string().optional().describe('Only this thread'),
    importance: z.array(z.enum(IMPORTANCE_LEVELS)).optional().describe('Only these levels'),
    since: z.string().optional().describe('Only messages sent at or after this ISO 8601 time'),
    query: z.string().max(500).optional().describe('Words that must all appear'),
    before: z.string().optional().describe('A cursor from a previous page'),
    limit: z.number().int().min(1).max(500).optional().describe('Default 50'),
  }),
  output: z.object({ messages: z.array(messageView), next: nextCursor }),
  run: ({ args, principal, services }) => services.coordination.messages.inboxPage(principal, args),
});

const acknowledgeMessages = defineTool({
  name: 'acknowledge_messages',
  title: 'Acknowledge messages',
  description:
    'Mark messages sent to you as handled: acknowledged (the default, which also counts as read) or only read. Senders see the receipts. Repeating it changes nothing.',
  effect: 'settle',
  permission: 'coordination:act',
  input: z.strictObject({
    messageIds: z.array(messageId).min(1).max(100),
    receipt: z.enum(['acknowledged', 'read']).optional().describe('acknowledged (default) or read'),
  }),
  output: z.object({ messages: z.array(messageView) }),
  run: async ({ args, principal, services }) => {
    const { messages } = services.coordination;
    const marked: MessageView[] = [];
    for (const id of args.messageIds) {
      marked.push(
        args.receipt === 'read'
          ? await messages.markRead(principal, id)
          : await messages.acknowledge(principal, id),
      );
    }
    return { messages: marked };
  },
});

export const MESSAGE_TOOLS: readonly AnyToolSpec[] = [sendMessage, readInbox, acknowledgeMessages];
