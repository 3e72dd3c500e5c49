import {
  messageDecider,
  type ReceiptCommand,
  receiptDecider,
  type SendMessage,
} from '../../src/coordination/messages/decide.js';
import type { MessageSent, ReceiptEvent } from '../../src/coordination/messages/events.js';
import { at, type DeciderCase, describeDecider, T0 } from './decider-table.js';

const ALICE = { agentId: '01939d2e-7a4b-7000-8000-00000000000a', name: 'alice' };
const BOB = { agentId: '01939d2e-7a4b-7000-8000-00000000000b', name: 'bob' };
const CAROL = { agentId: '01939d2e-7a4b-7000-8000-00000000000c', name: 'carol' };
const MESSAGE_ID = '01939d2e-7a4b-7000-8000-0000000000f1';
const THREAD_ID = '01939d2e-7a4b-7000-8000-0000000000f0';
const HASH = 'a'.repeat(64);

const send: SendMessage = {
  type: 'SendMessage',
  messageId: MESSAGE_ID,
  threadId: null,
  from: ALICE,
  to: 'role:builder',
  recipients: [BOB, CAROL],
  subject: 'Schema change',
  body: 'I am renaming users.email to users.primary_email',
  now: T0,
};

const sent: MessageSent = {
  type: 'MessageSent',
  data: {
    messageId: MESSAGE_ID,
    threadId: MESSAGE_ID,
    from: ALICE,
    to: 'role:builder',
    recipients: [BOB, CAROL],
    subject: 'Schema change',
    body: 'I am renaming users.email to users.primary_email',
    importance: 'normal',
    ackRequired: false,
    attachments: [],
    sentAt: at(0),
  },
};

function sentWith(data: Partial<MessageSent['data']>): MessageSent {
  return { type: 'MessageSent', data: { ...sent.data, ...data } };
}

const read = (agent: { agentId: string }, offset: number): ReceiptEvent => ({
  type: 'MessageRead',
  data: { messageId: MESSAGE_ID, agentId: agent.agentId, readAt: at(offset) },
});
const acked = (agent: { agentId: string }, offset: number): ReceiptEvent => ({
  type: 'MessageAcknowledged',
  data: { messageId: MESSAGE_ID, agentId: agent.agentId, acknowledgedAt: at(offset) },
});
const receipt = (
  type: ReceiptCommand['type'],
  agent: { agentId: string },
  offset = 1000,
  recipient = true,
): ReceiptCommand => ({
  type,
  messageId: MESSAGE_ID,
  agentId: agent.agentId,
  recipient,
  now: T0 + offset,
});

const invalidSends: [string, Partial<typeof send>, string, RegExp][] = [
  ['an empty subject', { subject: '' }, 'invalid_input', /subject/],
  [
    'a subject too long',
    { subject: 's'.repeat(201) },
    'invalid_input',
    /subject must be a string of 1 to 200/,
  ],
  ['a body that is no string', { body: 7 as unknown as string }, 'invalid_input', /body/],
  ['a body too long', { body: 'b'.repeat(64 * 1024 + 1) }, 'invalid_input', /body/],
  [
    'an unknown importance',
    { importance: 'critical' },
    'invalid_input',
    /importance must be one of low, normal, high, urgent/,
  ],
  [
    'ackRequired that is no boolean',
    { ackRequired: 'yes' as unknown as boolean },
    'invalid_input',
    /ackRequired/,
  ],
  ['an attachment that is no hash', { attachments: ['abc'] }, 'invalid_input', /not a blob hash/],
  ['a repeated attachment', { attachments: [HASH, HASH] }, 'invalid_input', /must not repeat/],
  [
    'too many attachments',
    { attachments: Array.from({ length: 21 }, (_, n) => n.toString(16).padStart(64, '0')) },
    'invalid_input',
    /at most 20/,
  ],
  ['a thread id that is no id', { threadId: 'thread-1' }, 'invalid_input', /threadId/],
  ['a bad address', { to: 'Role:builder' }, 'invalid_address', /Role:builder/],
  ['no recipients', { recipients: [] }, 'no_recipients', /reaches no agent/],
];

const sendCases: DeciderCase<SendMessage, MessageSent>[] = [
  { name: 'sends a message that starts its own thread', given: [], when: send, expected: [sent] },
  {
    name: 'sends into an existing thread with importance, acknowledgement and attachments',
    given: [],
    when: {
      ...send,
      threadId: THREAD_ID,
      importance: 'urgent',
      ackRequired: true,
      attachments: [HASH],
    },
    expected: [
      sentWith({
        threadId: THREAD_ID,
        importance: 'urgent',
        ackRequired: true,
        attachments: [HASH],
      }),
    ],
  },
  {
    name: 'an empty body is allowed',
    given: [],
    when: { ...send, body: '' },
    expected: [sentWith({ body: '' })],
  },
  {
    name: 'the address is recorded in its canonical form',
    given: [],
    when: { ...send, to: 'capability:db' },
    expected: [sentWith({ to: 'capability:db' })],
  },
  ...invalidSends.map(
    ([what, change, error, message]): DeciderCase<SendMessage, MessageSent> => ({
      name: `refuses ${what}`,
      given: [],
      when: { ...send, ...change },
      expected: { error, message },
    }),
  ),
  {
    name: 'refuses a message id used before',
    given: [sent],
    when: send,
    expected: { error: 'already_exists' },
  },
];

const receiptCases: DeciderCase<ReceiptCommand, ReceiptEvent>[] = [
  {
    name: 'a recipient marks it read',
    given: [],
    when: receipt('MarkRead', BOB),
    expected: [read(BOB, 1000)],
  },
  {
    name: 'marking read again records nothing',
    given: [read(BOB, 1000)],
    when: receipt('MarkRead', BOB, 5000),
    expected: [],
  },
  {
    name: 'one who is no recipient cannot mark it read',
    given: [],
    when: receipt('MarkRead', ALICE, 1000, false),
    expected: { error: 'not_recipient', message: /only a recipient/ },
  },
  {
    name: 'a recipient acknowledges',
    given: [],
    when: receipt('Acknowledge', BOB),
    expected: [acked(BOB, 1000)],
  },
  {
    name: 'acknowledging is idempotent',
    given: [acked(BOB, 1000)],
    when: receipt('Acknowledge', BOB, 9000),
    expected: [],
  },
  {
    name: 'an acknowledgement counts as reading',
    given: [acked(BOB, 1000)],
    when: receipt('MarkRead', BOB, 9000),
    expected: [],
  },
  {
    name: 'a read message can still be acknowledged',
    given: [read(BOB, 1000)],
    when: receipt('Acknowledge', BOB, 2000),
    expected: [acked(BOB, 2000)],
  },
  {
    name: 'one who is no recipient cannot acknowledge',
    given: [],
    when: receipt('Acknowledge', CAROL, 1000, false),
    expected: { error: 'not_recipient' },
  },
];

describeDecider('message decider', messageDecider, sendCases);
describeDecider('receipt decider', receiptDecider, receiptCases);
