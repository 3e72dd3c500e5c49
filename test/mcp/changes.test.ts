import { describe, expect, it } from 'vitest';
import type { EventEnvelope, JsonValue } from '../../src/events/envelope.js';
import { type Change, changesOf } from '../../src/mcp/resources/changes.js';

const ALICE = { agentId: 'a-1', name: 'alice' };
const BOB = { agentId: 'b-2', name: 'bob' };
const RECENT: Change = {
  kind: 'updated',
  uri: 'lighthouse://events/recent',
  audience: { kind: 'everyone' },
};

function event(streamId: string, type: string, data: JsonValue): EventEnvelope {
  return {
    position: 1,
    streamId,
    revision: 0,
    id: 'e',
    type,
    data,
    metadata: {},
    recordedAt: '2026-11-27T00:00:00.000Z',
    hash: 'h',
  };
}

const sent = (threadId: string) => ({
  messageId: 'm-1',
  threadId,
  from: ALICE,
  to: 'bob',
  recipients: [BOB],
  subject: 's',
  body: 'b',
  importance: 'normal',
  ackRequired: false,
  attachments: [],
  sentAt: '2026-11-27T00:00:00.000Z',
});

const asked = (to: string) => ({
  elicitationId: 'q-1',
  from: ALICE,
  to,
  question: 'ok?',
  schema: { type: 'boolean' },
  askedAt: '2026-11-27T00:00:00.000Z',
  deadline: '2026-11-27T00:01:00.000Z',
});

const CASES: { event: EventEnvelope; changes: Change[] }[] = [
  {
    event: event('$agent-a-1', 'AgentRegistered', {}),
    changes: [
      RECENT,
      { kind: 'updated', uri: 'lighthouse://agents', audience: { kind: 'everyone' } },
    ],
  },
  {
    event: event('$presence-a-1', 'PresenceChanged', {}),
    changes: [
      RECENT,
      { kind: 'updated', uri: 'lighthouse://agents', audience: { kind: 'everyone' } },
    ],
  },
  {
    // A new thread: the recipient's inbox, the thread, and the participants' resource lists.
    event: event('$message-m-1', 'MessageSent', sent('m-1')),
    changes: [
      RECENT,
      {
        kind: 'updated',
        uri: 'lighthouse://agents/bob/inbox',
        audience: { kind: 'agents', agentIds: ['b-2'] },
      },
      {
        kind: 'updated',
        uri: 'lighthouse://threads/m-1',
        audience: { kind: 'agents', agentIds: ['a-1', 'b-2'] },
      },
      { kind: 'listed', audience: { kind: 'agents', agentIds: ['a-1', 'b-2'] } },
    ],
  },
  {
    event: event('$message-m-1', 'MessageSent', sent('t-0')),
    changes: [
      RECENT,
      {
        kind: 'updated',
        uri: 'lighthouse://agents/bob/inbox',
        audience: { kind: 'agents', agentIds: ['b-2'] },
      },
      {
        kind: 'updated',
        uri: 'lighthouse://threads/t-0',
        audience: { kind: 'agents', agentIds: ['a-1', 'b-2'] },
      },
    ],
  },
  {
    event: event('$message-m-1/receipt-b-2', 'MessageAcknowledged', {
      messageId: 'm-1',
      agentId: 'b-2',
      acknowledgedAt: '2026-11-27T00:00:00.000Z',
    }),
    changes: [
      RECENT,
      {
        kind: 'updated',
        uri: 'lighthouse://agents/bob/inbox',
        audience: { kind: 'agents', agentIds: ['b-2'] },
      },
    ],
  },
  {
    event: event('$task-t-9', 'TaskDispatched', {}),
    changes: [
      RECENT,
      { kind: 'updated', uri: 'lighthouse://tasks/t-9', audience: { kind: 'everyone' } },
      { kind: 'listed', audience: { kind: 'everyone' } },
    ],
  },
  {
    event: event('$task-t-9', 'TaskProgressed', {}),
    changes: [
      RECENT,
      { kind: 'updated', uri: 'lighthouse://tasks/t-9', audience: { kind: 'everyone' } },
    ],
  },
  {
    event: event('$elicitation-q-1', 'ElicitationAsked', asked('bob')),
    changes: [RECENT, { kind: 'asked', agentName: 'bob', question: asked('bob') }],
  },
  {
    // Questions to a role, a capability or everyone are for agents, not for one user.
    event: event('$elicitation-q-1', 'ElicitationAsked', asked('role:expert')),
    changes: [RECENT],
  },
  {
    event: event('$elicitation-q-1', 'ElicitationExpired', {
      expiredAt: '2026-11-27T00:01:00.000Z',
    }),
    changes: [RECENT, { kind: 'closed', elicitationId: 'q-1' }],
  },
  { event: event('$guard-calls-alice', 'GuardDecisionRecorded', {}), changes: [RECENT] },
];

describe('changesOf', () => {
  const nameOf = (agentId: string) => ({ 'a-1': 'alice', 'b-2': 'bob' })[agentId];

  it.each(CASES)('$event.type on $event.streamId', ({ event, changes }) => {
    expect(changesOf(event, nameOf)).toEqual(changes);
  });

  it('skips the inbox of a receipt whose agent it cannot name', () => {
    const receipt = event('$message-m-1/receipt-x', 'MessageRead', {
      messageId: 'm-1',
      agentId: 'x',
      readAt: '2026-11-27T00:00:00.000Z',
    });
    expect(changesOf(receipt, nameOf)).toEqual([RECENT]);
  });
});
