import { describe, expect, it } from 'vitest';
import { jsonOf, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

/** One step of a session: who runs what (with `{name}` filled from earlier steps), and what the JSON says. */
type Step = [
  who: string,
  args: string[],
  expected: Record<string, unknown>,
  keep?: [string, string],
];

const SESSION: Step[] = [
  [
    'alice',
    ['msg', 'send', 'bob', 'hi', 'there', '--ack-required'],
    { subject: 'hi' },
    ['message', 'messageId'],
  ],
  ['bob', ['msg', 'ack', '{message}'], { acknowledged: true }],
  [
    'alice',
    ['ask', 'bob', 'Port?', '--schema', '{"type":"integer"}'],
    { status: 'open' },
    ['question', 'elicitationId'],
  ],
  ['bob', ['answer', '{question}', '8080'], { status: 'answered', answer: 8080 }],
  ['alice', ['question', 'wait', '{question}'], { answer: 8080 }],
  ['alice', ['ask', 'bob', 'Why?'], { status: 'open' }, ['second', 'elicitationId']],
  ['bob', ['question', 'decline', '{second}', 'busy'], { status: 'declined', reason: 'busy' }],
  ['alice', ['task', 'create', 'bob', 'Write docs'], { status: 'open' }, ['task', 'taskId']],
  ['bob', ['claim', '{task}'], { status: 'claimed' }],
  [
    'bob',
    ['task', 'progress', '{task}', 'started'],
    { progress: { note: 'started', percent: null } },
  ],
  ['bob', ['task', 'release', '{task}'], { status: 'open' }],
  ['bob', ['task', 'claim', '{task}'], { claims: 2 }],
  ['bob', ['task', 'complete', '{task}'], { status: 'completed' }],
  ['alice', ['task', 'create', 'bob', 'Deploy'], { status: 'open' }, ['deploy', 'taskId']],
  ['bob', ['claim', '{deploy}'], { status: 'claimed' }],
  ['bob', ['task', 'fail', '{deploy}', 'no access'], { status: 'failed', error: 'no access' }],
  ['bob', ['lease', 'src/app.ts'], { exclusive: true }, ['lease', 'leaseId']],
  ['alice', ['lease', 'show', '{lease}'], { paths: ['src/app.ts'] }],
  ['bob', ['lease', 'release', '{lease}'], { by: { name: 'bob' } }],
];

describe('--json', () => {
  it('prints what the bridge answered, for every act', async () => {
    const { as } = await start();
    const kept: Record<string, string> = {};
    for (const [who, args, expected, keep] of SESSION) {
      const filled = args.map((arg) =>
        arg.replace(/\{(\w+)\}/, (_match, name) => kept[name] ?? ''),
      );
      const answer = jsonOf(await as(who)([...filled, '--json']));
      expect(answer, filled.join(' ')).toMatchObject(expected);
      if (keep) kept[keep[0]] = answer[keep[1]];
    }
  });
});
