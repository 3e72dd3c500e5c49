import { type PresenceCommand, presenceDecider } from '../../src/coordination/presence/decide.js';
import type { PresenceEvent } from '../../src/coordination/presence/events.js';
import { at, describeDecider, T0 } from './decider-table.js';

const AGENT = { agentId: '01939d2e-7a4b-7000-8000-000000000001', name: 'alice' };
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function observe(lastSeenOffset: number, nowOffset: number): PresenceCommand {
  return {
    type: 'RecordPresence',
    ...AGENT,
    lastSeenAt: T0 + lastSeenOffset,
    now: T0 + nowOffset,
    thresholds: { onlineMs: MINUTE, idleMs: 5 * MINUTE },
    refreshEveryMs: 15 * MINUTE,
  };
}

function changed(status: 'online' | 'idle' | 'offline', lastSeenOffset: number): PresenceEvent {
  return { type: 'PresenceChanged', data: { ...AGENT, status, lastSeenAt: at(lastSeenOffset) } };
}

describeDecider('presence decider', presenceDecider, [
  {
    name: 'a first heartbeat brings the agent online',
    given: [],
    when: observe(0, 0),
    expected: [changed('online', 0)],
  },
  {
    name: 'a heartbeat while online and recently recorded writes nothing',
    given: [changed('online', 0)],
    when: observe(10 * SECOND, 10 * SECOND),
    expected: [],
  },
  {
    name: 'a heartbeat long after the recorded one is recorded coarsely',
    given: [changed('online', 0)],
    when: observe(15 * MINUTE, 15 * MINUTE),
    expected: [
      { type: 'PresenceRefreshed', data: { agentId: AGENT.agentId, lastSeenAt: at(15 * MINUTE) } },
    ],
  },
  {
    name: 'silence past the online threshold makes the agent idle',
    given: [changed('online', 0)],
    when: observe(0, 90 * SECOND),
    expected: [changed('idle', 0)],
  },
  {
    name: 'silence past the idle threshold makes the agent offline',
    given: [changed('online', 0), changed('idle', 0)],
    when: observe(0, 6 * MINUTE),
    expected: [changed('offline', 0)],
  },
  {
    name: 'an online agent silent for long goes straight to offline',
    given: [changed('online', 0)],
    when: observe(0, 10 * MINUTE),
    expected: [changed('offline', 0)],
  },
  {
    name: 'a heartbeat brings an idle agent back online',
    given: [changed('online', 0), changed('idle', 0)],
    when: observe(2 * MINUTE, 2 * MINUTE),
    expected: [changed('online', 2 * MINUTE)],
  },
  {
    name: 'a heartbeat brings an offline agent back online',
    given: [changed('online', 0), changed('offline', 0)],
    when: observe(20 * MINUTE, 20 * MINUTE),
    expected: [changed('online', 20 * MINUTE)],
  },
  {
    name: 'an older heartbeat than the recorded one never moves last-seen back',
    given: [changed('online', 30 * SECOND)],
    when: observe(0, 80 * SECOND),
    expected: [],
  },
  {
    name: 'an older heartbeat still counts the recorded one for the idle threshold',
    given: [changed('online', 30 * SECOND)],
    when: observe(0, 100 * SECOND),
    expected: [changed('idle', 30 * SECOND)],
  },
  {
    name: 'an offline agent observed without a new heartbeat stays as recorded',
    given: [changed('online', 0), changed('offline', 0)],
    when: observe(0, 60 * MINUTE),
    expected: [],
  },
]);
