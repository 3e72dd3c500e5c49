import type { Actor } from '../../src/coordination/actor.js';
import { type TaskCommand, taskDecider } from '../../src/coordination/tasks/decide.js';
import type { TaskDispatched, TaskEvent } from '../../src/coordination/tasks/events.js';
import { at, type DeciderCase, describeDecider, T0 } from './decider-table.js';

const ID = '01939d2e-7a4b-7000-8000-0000000000d1';
const BLOCKER = '01939d2e-7a4b-7000-8000-0000000000d0';
const LEAD = { agentId: '01939d2e-7a4b-7000-8000-00000000000a', name: 'lead' };
const BEA: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000b',
  name: 'bea',
  role: 'builder',
  capabilities: ['db'],
};
const DAN: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000d',
  name: 'dan',
  role: 'builder',
  capabilities: ['db'],
};
const OLI: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000e',
  name: 'oli',
  role: 'observer',
  capabilities: [],
};
const ref = (actor: Actor) => ({ agentId: actor.agentId, name: actor.name });

const dispatch: Extract<TaskCommand, { type: 'Dispatch' }> = {
  type: 'Dispatch',
  taskId: ID,
  dispatcher: LEAD,
  to: 'capability:db',
  title: 'Add an index on users.email',
  now: T0,
};

function dispatchedWith(data: Partial<TaskDispatched['data']> = {}): TaskDispatched {
  return {
    type: 'TaskDispatched',
    data: {
      taskId: ID,
      by: LEAD,
      to: 'capability:db',
      title: 'Add an index on users.email',
      description: '',
      input: null,
      blockedBy: [],
      claimTimeoutSeconds: 900,
      dispatchedAt: at(0),
      ...data,
    },
  };
}
const dispatched = dispatchedWith();
const SHORT = dispatchedWith({ claimTimeoutSeconds: 10 });

const claim = (claimer: Actor, offset = 1000, openBlockers: string[] = []): TaskCommand => ({
  type: 'Claim',
  taskId: ID,
  claimer,
  openBlockers,
  now: T0 + offset,
});
const claimed = (claimer: Actor, offset = 1000, timeoutMs = 900_000): TaskEvent => ({
  type: 'TaskClaimed',
  data: { by: ref(claimer), claimedAt: at(offset), claimExpiresAt: at(offset + timeoutMs) },
});
const lapsed = (claimer: Actor, offset: number): TaskEvent => ({
  type: 'TaskClaimExpired',
  data: { claimant: ref(claimer), expiredAt: at(offset) },
});
const completed: TaskEvent = {
  type: 'TaskCompleted',
  data: { by: ref(BEA), result: { ok: true }, completedAt: at(5000) },
};
const failed: TaskEvent = {
  type: 'TaskFailed',
  data: { by: ref(BEA), error: 'disk full', failedAt: at(5000) },
};
const released: TaskEvent = {
  type: 'TaskReleased',
  data: { by: ref(BEA), reason: '', releasedAt: at(3000) },
};

const invalidDispatches: [string, Partial<typeof dispatch>, string, RegExp][] = [
  ['an empty title', { title: '' }, 'invalid_input', /title/],
  ['a description too long', { description: 'd'.repeat(20_001) }, 'invalid_input', /description/],
  ['blockers that are not ids', { blockedBy: ['task-1'] }, 'invalid_input', /not an id/],
  ['repeated blockers', { blockedBy: [BLOCKER, BLOCKER] }, 'invalid_input', /must not repeat/],
  ['a task blocking itself', { blockedBy: [ID] }, 'invalid_input', /cannot block itself/],
  ['a claim timeout of zero', { claimTimeoutSeconds: 0 }, 'invalid_input', /claimTimeoutSeconds/],
  [
    'a claim timeout above a day',
    { claimTimeoutSeconds: 86_401 },
    'invalid_input',
    /at most 86400/,
  ],
  [
    'input too large',
    { input: { blob: 'x'.repeat(256 * 1024) } },
    'invalid_input',
    /input must be at most/,
  ],
  ['a bad address', { to: 'capability:DB' }, 'invalid_address', /DB/],
];

const cases: DeciderCase<TaskCommand, TaskEvent>[] = [
  { name: 'dispatches with defaults', given: [], when: dispatch, expected: [dispatched] },
  {
    name: 'dispatches with input, blockers and a short claim timeout',
    given: [],
    when: {
      ...dispatch,
      description: 'see RFC',
      input: { table: 'users' },
      blockedBy: [BLOCKER],
      claimTimeoutSeconds: 0.05,
    },
    expected: [
      dispatchedWith({
        description: 'see RFC',
        input: { table: 'users' },
        blockedBy: [BLOCKER],
        claimTimeoutSeconds: 0.05,
      }),
    ],
  },
  ...invalidDispatches.map(
    ([what, change, error, message]): DeciderCase<TaskCommand, TaskEvent> => ({
      name: `refuses to dispatch with ${what}`,
      given: [],
      when: { ...dispatch, ...change },
      expected: { error, message },
    }),
  ),
  {
    name: 'refuses to dispatch one id twice',
    given: [dispatched],
    when: dispatch,
    expected: { error: 'already_exists' },
  },
  {
    name: 'an addressee claims an open task',
    given: [dispatched],
    when: claim(BEA),
    expected: [claimed(BEA)],
  },
  {
    name: 'only addressees claim',
    given: [dispatched],
    when: claim(OLI),
    expected: { error: 'not_addressee', message: /capability:db, not for oli/ },
  },
  {
    name: 'a claimed task cannot be claimed by another',
    given: [dispatched, claimed(BEA)],
    when: claim(DAN, 2000),
    expected: { error: 'already_claimed', message: /claimed by bea/ },
  },
  {
    name: 'claiming again by the holder records nothing',
    given: [dispatched, claimed(BEA)],
    when: claim(BEA, 2000),
    expected: [],
  },
  {
    name: 'a lapsed claim is taken over, recording the lapse',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: claim(DAN, 11_000),
    expected: [lapsed(BEA, 11_000), claimed(DAN, 11_000, 10_000)],
  },
  {
    name: 'a blocked task cannot be claimed',
    given: [dispatched],
    when: claim(BEA, 1000, [BLOCKER]),
    expected: { error: 'blocked', message: new RegExp(BLOCKER) },
  },
  {
    name: 'a completed task cannot be claimed',
    given: [dispatched, claimed(BEA), completed],
    when: claim(DAN, 9000),
    expected: { error: 'already_closed', message: /completed/ },
  },
  {
    name: 'a released task can be claimed again',
    given: [dispatched, claimed(BEA), released],
    when: claim(DAN, 4000),
    expected: [claimed(DAN, 4000)],
  },
  {
    name: 'an expired claim reopens the task',
    given: [SHORT, claimed(BEA, 1000, 10_000), lapsed(BEA, 11_000)],
    when: claim(DAN, 12_000),
    expected: [claimed(DAN, 12_000, 10_000)],
  },
  {
    name: 'an unknown task is not found',
    given: [],
    when: claim(BEA),
    expected: { error: 'not_found' },
  },
  {
    name: 'progress renews the claim',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: {
      type: 'Progress',
      taskId: ID,
      agent: ref(BEA),
      note: 'half way',
      percent: 50,
      now: T0 + 8000,
    },
    expected: [
      {
        type: 'TaskProgressed',
        data: {
          by: ref(BEA),
          note: 'half way',
          percent: 50,
          progressedAt: at(8000),
          claimExpiresAt: at(18_000),
        },
      },
    ],
  },
  {
    name: 'progress from another agent is refused',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Progress', taskId: ID, agent: ref(DAN), note: 'me too', now: T0 + 2000 },
    expected: { error: 'not_claimant' },
  },
  {
    name: 'progress on an open task is refused',
    given: [dispatched],
    when: { type: 'Progress', taskId: ID, agent: ref(BEA), percent: 10, now: T0 + 2000 },
    expected: { error: 'not_claimant' },
  },
  {
    name: 'a percent above 100 is refused',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Progress', taskId: ID, agent: ref(BEA), percent: 101, now: T0 + 2000 },
    expected: { error: 'invalid_input', message: /percent/ },
  },
  {
    name: 'progress after the claim lapsed is refused',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: { type: 'Progress', taskId: ID, agent: ref(BEA), now: T0 + 11_000 },
    expected: { error: 'expired', message: /lapsed/ },
  },
  {
    name: 'the claimant completes with a result',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Complete', taskId: ID, agent: ref(BEA), result: { ok: true }, now: T0 + 5000 },
    expected: [completed],
  },
  {
    name: 'another agent cannot complete it',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Complete', taskId: ID, agent: ref(DAN), now: T0 + 5000 },
    expected: { error: 'not_claimant', message: /dan does not hold/ },
  },
  {
    name: 'completing twice is refused',
    given: [dispatched, claimed(BEA), completed],
    when: { type: 'Complete', taskId: ID, agent: ref(BEA), now: T0 + 6000 },
    expected: { error: 'already_closed' },
  },
  {
    name: 'completing after the claim lapsed is refused',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: { type: 'Complete', taskId: ID, agent: ref(BEA), now: T0 + 20_000 },
    expected: { error: 'expired' },
  },
  {
    name: 'the claimant fails it with an error',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Fail', taskId: ID, agent: ref(BEA), error: 'disk full', now: T0 + 5000 },
    expected: [failed],
  },
  {
    name: 'failing needs an error',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Fail', taskId: ID, agent: ref(BEA), error: '', now: T0 + 5000 },
    expected: { error: 'invalid_input', message: /error/ },
  },
  {
    name: 'a failed task stays failed',
    given: [dispatched, claimed(BEA), failed],
    when: claim(DAN, 6000),
    expected: { error: 'already_closed', message: /failed/ },
  },
  {
    name: 'the claimant releases it',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Release', taskId: ID, agent: ref(BEA), now: T0 + 3000 },
    expected: [released],
  },
  {
    name: 'a lapsed claim may still be released by its holder',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: { type: 'Release', taskId: ID, agent: ref(BEA), now: T0 + 3000 },
    expected: [released],
  },
  {
    name: 'nobody else releases it',
    given: [dispatched, claimed(BEA)],
    when: { type: 'Release', taskId: ID, agent: ref(DAN), now: T0 + 3000 },
    expected: { error: 'not_claimant' },
  },
  {
    name: 'the timer reopens a lapsed claim',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: { type: 'ExpireClaim', taskId: ID, now: T0 + 11_000 },
    expected: [lapsed(BEA, 11_000)],
  },
  {
    name: 'the timer leaves a live claim alone',
    given: [SHORT, claimed(BEA, 1000, 10_000)],
    when: { type: 'ExpireClaim', taskId: ID, now: T0 + 10_999 },
    expected: [],
  },
  {
    name: 'the timer leaves a completed task alone',
    given: [SHORT, claimed(BEA, 1000, 10_000), completed],
    when: { type: 'ExpireClaim', taskId: ID, now: T0 + 60_000 },
    expected: [],
  },
];

describeDecider('task decider', taskDecider, cases);
