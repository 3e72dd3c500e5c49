import type { Actor } from '../../src/coordination/actor.js';
import {
  type ElicitationCommand,
  elicitationDecider,
} from '../../src/coordination/elicitations/decide.js';
import type {
  ElicitationAsked,
  ElicitationEvent,
} from '../../src/coordination/elicitations/events.js';
import type { JsonValue } from '../../src/events/envelope.js';
import { at, type DeciderCase, describeDecider, T0 } from './decider-table.js';

const ID = '01939d2e-7a4b-7000-8000-0000000000e1';
const ASKER = { agentId: '01939d2e-7a4b-7000-8000-00000000000a', name: 'alice' };
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
  capabilities: ['security'],
};
const BOB: Actor = {
  agentId: '01939d2e-7a4b-7000-8000-00000000000d',
  name: 'bob',
  role: 'builder',
  capabilities: [],
};
const ASKER_AS_ACTOR: Actor = { ...ASKER, role: 'builder', capabilities: ['security'] };
const ref = (actor: Actor) => ({ agentId: actor.agentId, name: actor.name });

const SCHEMA = {
  type: 'object',
  properties: {
    severity: { enum: ['low', 'medium', 'high'] },
    notes: { type: 'string', maxLength: 20 },
    cve: {
      type: 'object',
      properties: { id: { type: 'string', pattern: '^CVE-' } },
      required: ['id'],
    },
  },
  required: ['severity'],
  additionalProperties: false,
};

const ask: Extract<ElicitationCommand, { type: 'Ask' }> = {
  type: 'Ask',
  elicitationId: ID,
  asker: ASKER,
  to: 'capability:security',
  question: 'How bad is this SQL injection?',
  schema: SCHEMA,
  now: T0,
};

const asked: ElicitationAsked = {
  type: 'ElicitationAsked',
  data: {
    elicitationId: ID,
    from: ASKER,
    to: 'capability:security',
    question: 'How bad is this SQL injection?',
    schema: SCHEMA,
    askedAt: at(0),
    deadline: at(30_000),
  },
};

const answer = (responder: Actor, data: unknown, offset = 1000): ElicitationCommand => ({
  type: 'Answer',
  elicitationId: ID,
  responder,
  data,
  now: T0 + offset,
});
const answered = (responder: Actor, data: JsonValue, offset = 1000): ElicitationEvent => ({
  type: 'ElicitationAnswered',
  data: { by: ref(responder), data, answeredAt: at(offset) },
});
const declined: ElicitationEvent = {
  type: 'ElicitationDeclined',
  data: { by: ref(SAM), reason: 'not my area', declinedAt: at(1000) },
};
const cancelled: ElicitationEvent = {
  type: 'ElicitationCancelled',
  data: { by: ASKER, reason: '', cancelledAt: at(1000) },
};
const expired: ElicitationEvent = { type: 'ElicitationExpired', data: { expiredAt: at(30_000) } };

const invalidAnswers: [string, unknown, RegExp][] = [
  [
    'a missing required field',
    {},
    /answer field \/severity must have required property 'severity'/,
  ],
  [
    'a value outside the enum',
    { severity: 'catastrophic' },
    /answer field \/severity must be equal to one of the allowed values \("low", "medium", "high"\)/,
  ],
  [
    'a string too long',
    { severity: 'low', notes: 'x'.repeat(21) },
    /answer field \/notes must NOT have more than 20 characters/,
  ],
  [
    'a nested field breaking its pattern',
    { severity: 'low', cve: { id: 'GHSA-1' } },
    /answer field \/cve\/id must match pattern/,
  ],
  [
    'a nested missing field',
    { severity: 'low', cve: {} },
    /answer field \/cve\/id must have required property/,
  ],
  [
    'an unknown field',
    { severity: 'low', extra: 1 },
    /answer field \/extra must NOT have additional properties/,
  ],
  ['a wrong type at the top', 'high', /the answer must be object/],
];

const invalidAsks: [string, Partial<typeof ask>, string, RegExp][] = [
  ['an empty question', { question: '' }, 'invalid_input', /question/],
  [
    'a schema with a typo in a keyword',
    { schema: { type: 'object', requried: ['a'] } },
    'invalid_schema',
    /unknown keyword: "requried"/,
  ],
  [
    'a schema with an unknown type',
    { schema: { type: 'objekt' } },
    'invalid_schema',
    /schema is not a usable JSON Schema/,
  ],
  ['a schema that is a list', { schema: [] }, 'invalid_schema', /JSON Schema object/],
  ['a schema that is a string', { schema: 'object' }, 'invalid_schema', /JSON Schema object/],
  [
    'a schema with an unresolvable reference',
    { schema: { $ref: 'https://example.com/s.json' } },
    'invalid_schema',
    /resolve reference/,
  ],
  [
    'a timeout of zero',
    { timeoutMs: 0 },
    'invalid_input',
    /timeoutMs must be between 1 and 3600000/,
  ],
  ['a timeout above an hour', { timeoutMs: 3_600_001 }, 'invalid_input', /timeoutMs/],
  ['a fractional timeout', { timeoutMs: 1.5 }, 'invalid_input', /whole number/],
  ['a bad address', { to: 'capability:' }, 'invalid_address', /capability/],
];

const cases: DeciderCase<ElicitationCommand, ElicitationEvent>[] = [
  { name: 'asks with the default 30 s deadline', given: [], when: ask, expected: [asked] },
  {
    name: 'asks with its own timeout',
    given: [],
    when: { ...ask, timeoutMs: 3_600_000 },
    expected: [{ ...asked, data: { ...asked.data, deadline: at(3_600_000) } }],
  },
  {
    name: 'accepts a boolean schema',
    given: [],
    when: { ...ask, schema: true },
    expected: [{ ...asked, data: { ...asked.data, schema: true } }],
  },
  ...invalidAsks.map(
    ([what, change, error, message]): DeciderCase<ElicitationCommand, ElicitationEvent> => ({
      name: `refuses to ask with ${what}`,
      given: [],
      when: { ...ask, ...change },
      expected: { error, message },
    }),
  ),
  {
    name: 'refuses to ask twice with one id',
    given: [asked],
    when: ask,
    expected: { error: 'already_exists' },
  },
  {
    name: 'an addressee answers with valid data',
    given: [asked],
    when: answer(SAM, { severity: 'high', cve: { id: 'CVE-2026-1' } }),
    expected: [answered(SAM, { severity: 'high', cve: { id: 'CVE-2026-1' } })],
  },
  ...invalidAnswers.map(
    ([what, data, message]): DeciderCase<ElicitationCommand, ElicitationEvent> => ({
      name: `refuses an answer with ${what}, naming the field`,
      given: [asked],
      when: answer(SAM, data),
      expected: { error: 'invalid_answer', message },
    }),
  ),
  {
    name: 'only an addressee answers',
    given: [asked],
    when: answer(BOB, { severity: 'low' }),
    expected: { error: 'not_addressee', message: /capability:security, not for bob/ },
  },
  {
    name: 'the asker cannot answer its own question',
    given: [asked],
    when: answer(ASKER_AS_ACTOR, { severity: 'low' }),
    expected: { error: 'not_addressee' },
  },
  {
    name: 'the first answer wins',
    given: [asked, answered(SAM, { severity: 'high' })],
    when: answer(SUE, { severity: 'low' }, 2000),
    expected: { error: 'already_answered' },
  },
  {
    name: 'a late answer is refused at the deadline',
    given: [asked],
    when: answer(SAM, { severity: 'low' }, 30_000),
    expected: { error: 'expired', message: /expired at/ },
  },
  {
    name: 'an answer after the expiry is refused',
    given: [asked, expired],
    when: answer(SAM, { severity: 'low' }, 40_000),
    expected: { error: 'expired' },
  },
  {
    name: 'an answer after a decline is refused',
    given: [asked, declined],
    when: answer(SUE, { severity: 'low' }),
    expected: { error: 'already_closed', message: /declined/ },
  },
  {
    name: 'an answer after cancelling is refused',
    given: [asked, cancelled],
    when: answer(SAM, { severity: 'low' }),
    expected: { error: 'already_closed', message: /cancelled/ },
  },
  {
    name: 'an unknown question is not found',
    given: [],
    when: answer(SAM, {}),
    expected: { error: 'not_found' },
  },
  {
    name: 'an addressee declines',
    given: [asked],
    when: {
      type: 'Decline',
      elicitationId: ID,
      responder: SAM,
      reason: 'not my area',
      now: T0 + 1000,
    },
    expected: [declined],
  },
  {
    name: 'a stranger cannot decline',
    given: [asked],
    when: { type: 'Decline', elicitationId: ID, responder: BOB, now: T0 + 1000 },
    expected: { error: 'not_addressee' },
  },
  {
    name: 'the asker cancels',
    given: [asked],
    when: { type: 'Cancel', elicitationId: ID, actor: ASKER, now: T0 + 1000 },
    expected: [cancelled],
  },
  {
    name: 'nobody else cancels',
    given: [asked],
    when: { type: 'Cancel', elicitationId: ID, actor: ref(SAM), now: T0 + 1000 },
    expected: { error: 'not_asker', message: /only alice/ },
  },
  {
    name: 'an answered question cannot be cancelled',
    given: [asked, answered(SAM, { severity: 'low' })],
    when: { type: 'Cancel', elicitationId: ID, actor: ASKER, now: T0 + 2000 },
    expected: { error: 'already_answered' },
  },
  {
    name: 'expires at the deadline',
    given: [asked],
    when: { type: 'Expire', elicitationId: ID, now: T0 + 30_000 },
    expected: [expired],
  },
  {
    name: 'does not expire early',
    given: [asked],
    when: { type: 'Expire', elicitationId: ID, now: T0 + 29_999 },
    expected: [],
  },
  {
    name: 'an answered question does not expire',
    given: [asked, answered(SAM, { severity: 'low' })],
    when: { type: 'Expire', elicitationId: ID, now: T0 + 60_000 },
    expected: [],
  },
  {
    name: 'expiring twice records once',
    given: [asked, expired],
    when: { type: 'Expire', elicitationId: ID, now: T0 + 60_000 },
    expected: [],
  },
];

describeDecider('elicitation decider', elicitationDecider, cases);
