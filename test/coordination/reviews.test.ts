import type { Actor } from '../../src/coordination/actor.js';
import {
  type ReviewCommand,
  type ReviewRequest,
  reviewDecider,
} from '../../src/coordination/reviews/decide.js';
import type { ReviewEvent, ReviewOpened } from '../../src/coordination/reviews/events.js';
import { at, type DeciderCase, describeDecider, T0 } from './decider-table.js';

const ID = '01939d2e-7a4b-7000-8000-0000000000c1';
const BUILDER: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000a',
  name: 'bea',
  role: 'builder',
  capabilities: [],
};
const SAM: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000b',
  name: 'sam',
  role: 'expert',
  capabilities: ['security'],
};
const SUE: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000c',
  name: 'sue',
  role: 'expert',
  capabilities: ['security', 'db'],
};
const PERF: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000d',
  name: 'pat',
  role: 'expert',
  capabilities: ['performance'],
};
const SECURE_BUILDER: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000e',
  name: 'ben',
  role: 'builder',
  capabilities: ['security'],
};
const SELF_REVIEWER: Actor = { ...SAM, agentId: BUILDER.agentId, name: BUILDER.name };
const ADMIN: Actor = { agentId: 'admin', name: 'admin', role: 'admin', capabilities: [] };
const ref = (actor: Actor) => ({ agentId: actor.agentId, name: actor.name });

const request: ReviewRequest = {
  requester: ref(BUILDER),
  toolCall: { tool: 'Bash', summary: 'psql -c "DROP TABLE sessions"' },
  normalizedInput: { tool: 'Bash', input: '{"command":"psql -c \\"DROP TABLE sessions\\""}' },
  ruleIds: ['databases.drop-table'],
  reason: 'drops a table',
  capability: 'security',
};

function openedWith(data: Partial<ReviewOpened['data']> = {}): ReviewOpened {
  return {
    type: 'ReviewOpened',
    data: {
      reviewId: ID,
      requester: ref(BUILDER),
      toolCall: request.toolCall,
      normalizedInput: request.normalizedInput as ReviewOpened['data']['normalizedInput'],
      ruleIds: ['databases.drop-table'],
      reason: 'drops a table',
      risk: 'normal',
      capability: 'security',
      fallback: 'deny',
      openedAt: at(0),
      deadline: at(60_000),
      ...data,
    },
  };
}
const opened = openedWith();
const highRisk = openedWith({ risk: 'high' });

const open = (change: Partial<ReviewRequest> = {}): ReviewCommand => ({
  type: 'Open',
  reviewId: ID,
  request: { ...request, ...change },
  now: T0,
});
const decide = (
  expert: Actor,
  approve: boolean,
  offset = 1000,
  reason = 'looked at it',
): ReviewCommand => ({
  type: 'Decide',
  reviewId: ID,
  expert,
  approve,
  reason,
  now: T0 + offset,
});
const recorded = (
  expert: Actor,
  approve: boolean,
  offset = 1000,
  reason = 'looked at it',
): ReviewEvent => ({
  type: 'ReviewDecisionRecorded',
  data: { expert: ref(expert), approve, reason, decidedAt: at(offset) },
});
const resolved = (
  decision: 'allow' | 'deny',
  resolvedBy: 'experts' | 'admin' | 'fallback',
  by: Actor | null,
  reason: string,
  offset: number,
): ReviewEvent => ({
  type: 'ReviewResolved',
  data: { decision, resolvedBy, by: by && ref(by), reason, resolvedAt: at(offset) },
});
const adminDecides = (approve: boolean, actor = ADMIN, offset = 2000): ReviewCommand => ({
  type: 'DecideAsAdmin',
  reviewId: ID,
  admin: actor,
  approve,
  reason: 'I know this table is unused',
  now: T0 + offset,
});
const promote = (actor: Actor, rule = 'allow: psql DROP TABLE sessions'): ReviewCommand => ({
  type: 'Promote',
  reviewId: ID,
  admin: actor,
  rule,
  now: T0 + 9000,
});
const approvedBySam = [
  opened,
  recorded(SAM, true),
  resolved('allow', 'experts', SAM, 'looked at it', 1000),
];

const invalidOpens: [string, Partial<ReviewRequest>, RegExp][] = [
  ['no requester', { requester: undefined as never }, /requester/],
  ['no tool call', { toolCall: null as never }, /toolCall/],
  ['an empty summary', { toolCall: { tool: 'Bash', summary: '' } }, /toolCall.summary/],
  ['rule ids that are no list', { ruleIds: 'x' as never }, /ruleIds/],
  ['an unknown risk', { risk: 'extreme' }, /risk must be one of normal, high/],
  ['a bad capability', { capability: 'Security Team' }, /capability/],
  ['an unknown fallback', { fallback: 'ask' }, /fallback must be one of allow, deny/],
  ['a timeout above an hour', { timeoutMs: 3_600_001 }, /timeoutMs/],
];

const cases: DeciderCase<ReviewCommand, ReviewEvent>[] = [
  {
    name: 'opens a normal-risk review with the default deadline and fallback',
    given: [],
    when: open(),
    expected: [opened],
  },
  {
    name: 'opens a high-risk review with its own deadline and fallback',
    given: [],
    when: open({ risk: 'high', timeoutMs: 5000, fallback: 'allow' }),
    expected: [openedWith({ risk: 'high', deadline: at(5000), fallback: 'allow' })],
  },
  ...invalidOpens.map(
    ([what, change, message]): DeciderCase<ReviewCommand, ReviewEvent> => ({
      name: `refuses to open with ${what}`,
      given: [],
      when: open(change),
      expected: { error: 'invalid_input', message },
    }),
  ),
  {
    name: 'one approval settles a normal review',
    given: [opened],
    when: decide(SAM, true),
    expected: approvedBySam.slice(1),
  },
  {
    name: 'a high-risk review waits for a second approval',
    given: [highRisk],
    when: decide(SAM, true),
    expected: [recorded(SAM, true)],
  },
  {
    name: 'a second approval from another expert settles a high-risk review',
    given: [highRisk, recorded(SAM, true)],
    when: decide(SUE, true, 2000, 'fine'),
    expected: [recorded(SUE, true, 2000, 'fine'), resolved('allow', 'experts', SUE, 'fine', 2000)],
  },
  {
    name: 'the same expert cannot approve twice',
    given: [highRisk, recorded(SAM, true)],
    when: decide(SAM, true, 2000),
    expected: { error: 'already_decided', message: /sam has decided/ },
  },
  {
    name: 'a reject wins at once',
    given: [opened],
    when: decide(SAM, false, 1000, 'prod data'),
    expected: [
      recorded(SAM, false, 1000, 'prod data'),
      resolved('deny', 'experts', SAM, 'prod data', 1000),
    ],
  },
  {
    name: 'a reject wins over an earlier approval',
    given: [highRisk, recorded(SAM, true)],
    when: decide(SUE, false, 2000, 'no'),
    expected: [recorded(SUE, false, 2000, 'no'), resolved('deny', 'experts', SUE, 'no', 2000)],
  },
  {
    name: 'a resolved review takes no more decisions',
    given: approvedBySam,
    when: decide(SUE, false, 2000),
    expected: { error: 'already_resolved' },
  },
  {
    name: 'an expert without the capability is not asked',
    given: [opened],
    when: decide(PERF, true),
    expected: { error: 'not_addressee', message: /capability security/ },
  },
  {
    name: 'a builder with the capability is no expert',
    given: [opened],
    when: decide(SECURE_BUILDER, true),
    expected: { error: 'not_addressee' },
  },
  {
    name: 'an expert may not review its own request',
    given: [opened],
    when: decide(SELF_REVIEWER, true),
    expected: { error: 'own_request', message: /its own tool call/ },
  },
  {
    name: 'a decision needs a reason',
    given: [opened],
    when: decide(SAM, true, 1000, ''),
    expected: { error: 'invalid_input', message: /reason/ },
  },
  {
    name: 'a decision at the deadline is too late',
    given: [opened],
    when: decide(SAM, true, 60_000),
    expected: { error: 'expired' },
  },
  {
    name: 'an unknown review is not found',
    given: [],
    when: decide(SAM, true),
    expected: { error: 'not_found' },
  },
  {
    name: 'an admin decides directly',
    given: [opened],
    when: adminDecides(true),
    expected: [resolved('allow', 'admin', ADMIN, 'I know this table is unused', 2000)],
  },
  {
    name: 'an admin decides a high-risk review alone, after one approval',
    given: [highRisk, recorded(SAM, true)],
    when: adminDecides(false),
    expected: [resolved('deny', 'admin', ADMIN, 'I know this table is unused', 2000)],
  },
  {
    name: 'only an admin decides directly',
    given: [opened],
    when: adminDecides(true, SAM),
    expected: { error: 'forbidden' },
  },
  {
    name: 'an admin cannot overturn a resolved review',
    given: approvedBySam,
    when: adminDecides(false),
    expected: { error: 'already_resolved' },
  },
  {
    name: 'the deny fallback applies at the deadline',
    given: [opened],
    when: { type: 'Expire', reviewId: ID, now: T0 + 60_000 },
    expected: [
      resolved(
        'deny',
        'fallback',
        null,
        'no decision before the deadline; the fallback (deny) applies',
        60_000,
      ),
    ],
  },
  {
    name: 'an allow fallback applies at the deadline',
    given: [openedWith({ fallback: 'allow' }), recorded(SAM, true)],
    when: { type: 'Expire', reviewId: ID, now: T0 + 70_000 },
    expected: [
      resolved(
        'allow',
        'fallback',
        null,
        'no decision before the deadline; the fallback (allow) applies',
        70_000,
      ),
    ],
  },
  {
    name: 'nothing expires before the deadline',
    given: [opened],
    when: { type: 'Expire', reviewId: ID, now: T0 + 59_999 },
    expected: [],
  },
  {
    name: 'a resolved review does not expire',
    given: approvedBySam,
    when: { type: 'Expire', reviewId: ID, now: T0 + 90_000 },
    expected: [],
  },
  {
    name: 'an admin promotes a resolved review to a rule',
    given: approvedBySam,
    when: promote(ADMIN),
    expected: [
      {
        type: 'ReviewPromotedToRule',
        data: { by: ref(ADMIN), rule: 'allow: psql DROP TABLE sessions', promotedAt: at(9000) },
      },
    ],
  },
  {
    name: 'a pending review cannot be promoted',
    given: [opened],
    when: promote(ADMIN),
    expected: { error: 'not_resolved' },
  },
  {
    name: 'a review is promoted once',
    given: [
      ...approvedBySam,
      { type: 'ReviewPromotedToRule', data: { by: ref(ADMIN), rule: 'r', promotedAt: at(9000) } },
    ],
    when: promote(ADMIN),
    expected: { error: 'already_promoted' },
  },
  {
    name: 'only an admin promotes',
    given: approvedBySam,
    when: promote(SUE),
    expected: { error: 'forbidden' },
  },
  {
    name: 'a promotion needs the rule text',
    given: approvedBySam,
    when: promote(ADMIN, ''),
    expected: { error: 'invalid_input', message: /rule/ },
  },
];

describeDecider('review decider', reviewDecider, cases);
