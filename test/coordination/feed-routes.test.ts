import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/coordination/actor.js';
import { isFor } from '../../src/coordination/feed/audience.js';
import { FeedOrigins } from '../../src/coordination/feed/origins.js';
import { FEED_EVENT_TYPES, routeEvent } from '../../src/coordination/feed/routes.js';
import type { EventEnvelope, JsonValue } from '../../src/events/envelope.js';

const READERS: Record<string, Actor> = {
  alice: { agentId: 'a-alice', name: 'alice', role: 'builder', capabilities: [] },
  bob: { agentId: 'a-bob', name: 'bob', role: 'builder', capabilities: ['db'] },
  erin: { agentId: 'a-erin', name: 'erin', role: 'expert', capabilities: ['security'] },
  ed: { agentId: 'a-ed', name: 'ed', role: 'expert', capabilities: ['performance'] },
  ada: { agentId: 'a-ada', name: 'ada', role: 'admin', capabilities: [] },
};
const ref = (name: string) => ({ agentId: `a-${name}`, name });

let position = 0;
function recorded(streamId: string, type: string, data: JsonValue): EventEnvelope {
  position += 1;
  return {
    position,
    streamId,
    revision: 0,
    id: `event-${position}`,
    type,
    data,
    metadata: {},
    recordedAt: '2026-03-01T12:00:00.000Z',
    hash: '',
  };
}

const AT = '2026-03-01T12:00:00.000Z';
function messageSent(to: string, recipients: string[], streamId = '$message-m1') {
  return recorded(streamId, 'MessageSent', {
    messageId: 'm1',
    threadId: 'm1',
    from: ref('alice'),
    to,
    recipients: recipients.map(ref),
    subject: 'hi',
    body: '',
    importance: 'normal',
    ackRequired: false,
    attachments: [],
    sentAt: AT,
  });
}
const asked = (from: string, to: string) =>
  recorded('$elicitation-q1', 'ElicitationAsked', {
    elicitationId: 'q1',
    from: ref(from),
    to,
    question: 'Which?',
    schema: {},
    askedAt: AT,
    deadline: AT,
  });
const dispatched = (by: string, to: string) =>
  recorded('$task-t1', 'TaskDispatched', {
    taskId: 't1',
    by: ref(by),
    to,
    title: 'Index',
    description: '',
    input: null,
    blockedBy: [],
    claimTimeoutSeconds: 900,
    dispatchedAt: AT,
  });
const opened = (requester: string, capability: string) =>
  recorded('$review-r1', 'ReviewOpened', {
    reviewId: 'r1',
    requester: ref(requester),
    toolCall: { tool: 'Bash', summary: 'rm -rf build' },
    normalizedInput: {},
    ruleIds: [],
    reason: 'Deletes.',
    risk: 'normal',
    capability,
    fallback: 'deny',
    openedAt: AT,
    deadline: AT,
  });
const leased = (holder: string) =>
  recorded('$leases', 'LeaseAcquired', {
    leaseId: 'l1',
    holder: ref(holder),
    paths: ['src'],
    exclusive: true,
    reason: '',
    ttlSeconds: 60,
    acquiredAt: AT,
    expiresAt: AT,
  });

type Case = [
  name: string,
  earlier: EventEnvelope[],
  event: EventEnvelope,
  kind: string | null,
  readers: string[],
];

const CASES: Case[] = [
  ['a direct message', [], messageSent('bob', ['bob']), 'message', ['bob']],
  [
    'a broadcast, to the recipients it reached',
    [],
    messageSent('*', ['bob', 'erin', 'ed', 'ada']),
    'message',
    ['bob', 'erin', 'ed', 'ada'],
  ],
  ['a role message', [], messageSent('role:expert', ['erin', 'ed']), 'message', ['erin', 'ed']],
  [
    'a message-shaped event outside the message streams',
    [],
    messageSent('bob', ['bob'], 'notes-1'),
    null,
    [],
  ],
  ['a question to a role', [], asked('alice', 'role:expert'), 'question', ['erin', 'ed']],
  [
    'a question to everyone, not to its asker',
    [],
    asked('bob', '*'),
    'question',
    ['alice', 'erin', 'ed', 'ada'],
  ],
  ['a task for a capability', [], dispatched('alice', 'capability:db'), 'task', ['bob']],
  ['a task for its own dispatcher', [], dispatched('bob', 'capability:db'), 'task', []],
  [
    'a review, to its experts and admins',
    [],
    opened('alice', 'security'),
    'review',
    ['erin', 'ada'],
  ],
  ['a review of an expert own call', [], opened('erin', 'security'), 'review', ['ada']],
  [
    'an answer, to the asker',
    [asked('alice', 'bob')],
    recorded('$elicitation-q1', 'ElicitationAnswered', {
      by: ref('bob'),
      data: 'btree',
      answeredAt: AT,
    }),
    'question_closed',
    ['alice'],
  ],
  [
    'an asker cancelling its own question',
    [asked('alice', 'bob')],
    recorded('$elicitation-q1', 'ElicitationCancelled', {
      by: ref('alice'),
      reason: '',
      cancelledAt: AT,
    }),
    null,
    [],
  ],
  [
    'an answer to a question never seen',
    [],
    recorded('$elicitation-q9', 'ElicitationAnswered', { by: ref('bob'), data: 1, answeredAt: AT }),
    null,
    [],
  ],
  [
    'a task completed, to its dispatcher',
    [dispatched('alice', 'bob')],
    recorded('$task-t1', 'TaskCompleted', { by: ref('bob'), result: 3, completedAt: AT }),
    'task_update',
    ['alice'],
  ],
  [
    'a claim running out, to the dispatcher',
    [dispatched('alice', 'bob')],
    recorded('$task-t1', 'TaskClaimExpired', { claimant: ref('bob'), expiredAt: AT }),
    'task_update',
    ['alice'],
  ],
  [
    'progress on a task',
    [dispatched('alice', 'bob')],
    recorded('$task-t1', 'TaskProgressed', {
      by: ref('bob'),
      note: '',
      percent: 50,
      progressedAt: AT,
      claimExpiresAt: AT,
    }),
    null,
    [],
  ],
  [
    'a review resolved, to its requester',
    [opened('alice', 'security')],
    recorded('$review-r1', 'ReviewResolved', {
      decision: 'allow',
      resolvedBy: 'experts',
      by: ref('erin'),
      reason: '',
      resolvedAt: AT,
    }),
    'review_resolved',
    ['alice'],
  ],
  [
    'a lease taken from its holder',
    [leased('bob')],
    recorded('$leases', 'LeaseForceReleased', {
      leaseId: 'l1',
      by: ref('ada'),
      reason: 'bob went offline',
      releasedAt: AT,
    }),
    'lease_conflict',
    ['bob'],
  ],
  [
    'a holder force-releasing its own lease',
    [leased('bob')],
    recorded('$leases', 'LeaseForceReleased', {
      leaseId: 'l1',
      by: ref('bob'),
      reason: '',
      releasedAt: AT,
    }),
    null,
    [],
  ],
  [
    'a lease released by its holder',
    [leased('bob')],
    recorded('$leases', 'LeaseReleased', { leaseId: 'l1', by: ref('bob'), releasedAt: AT }),
    null,
    [],
  ],
  ['an event of no coordination domain', [], recorded('notes-1', 'NoteTaken', {}), null, []],
];

describe('routing events to feeds', () => {
  it.each(CASES)('%s', (_name, earlier, event, kind, readers) => {
    const origins = new FeedOrigins();
    for (const before of [...earlier, event]) origins.remember(before);
    const routed = routeEvent(event, origins);
    expect(routed?.item.kind ?? null).toBe(kind);
    const reached = Object.keys(READERS).filter(
      (name) => routed !== null && isFor(routed.audience, READERS[name] as Actor),
    );
    expect(reached).toEqual(readers);
    if (routed) expect(routed.item.position).toBe(event.position);
  });

  it('follows only the event types that make items or name an origin', () => {
    for (const [, earlier, event, kind] of CASES) {
      if (kind !== null) expect(FEED_EVENT_TYPES).toContain(event.type);
      for (const before of earlier) expect(FEED_EVENT_TYPES).toContain(before.type);
    }
    for (const type of [
      'MessageRead',
      'MessageAcknowledged',
      'TaskProgressed',
      'ReviewDecisionRecorded',
      'LeaseRenewed',
      'LeaseReleased',
      'LeaseExpired',
    ]) {
      expect(FEED_EVENT_TYPES).not.toContain(type);
    }
  });

  it('keeps origins across a save and load', () => {
    const origins = new FeedOrigins();
    origins.remember(asked('alice', 'bob'));
    origins.remember(leased('bob'));
    const restored = new FeedOrigins();
    restored.load(JSON.parse(JSON.stringify(origins.save())));
    expect(restored.originOf('$elicitation-q1')).toBe('a-alice');
    expect(restored.originOf('l1')).toBe('a-bob');
  });
});
