import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type AgentCli, failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

const PORT_SCHEMA = {
  type: 'object',
  required: ['port'],
  additionalProperties: false,
  properties: { port: { type: 'integer' } },
};

/** The id of the one open question addressed to `who`, once it has been asked. */
async function openQuestionOf(who: AgentCli): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [question] = jsonOf(await who(['questions', '--json'])).elicitations;
    if (question) return question.elicitationId;
    await sleep(50);
  }
  throw new Error('no question was asked');
}

describe('lighthouse-bridge ask, questions, answer', () => {
  it('asks with a schema from a file, lists, shows and takes a typed answer', async () => {
    const { as, cwd } = await start();
    writeFileSync(join(cwd, 'port.json'), JSON.stringify(PORT_SCHEMA));
    const asked = succeeded(
      await as('alice')([
        'ask',
        'bob',
        'Which port should the dev server use?',
        '--schema',
        '@port.json',
        '--timeout',
        '10m',
      ]),
    );
    expect(asked).toMatch(/^asked (\S+) of bob, open until \S+Z\n$/);
    const id = /^asked (\S+)/.exec(asked)?.[1] as string;

    const listed = succeeded(await as('bob')(['questions'])).split('\n');
    expect(listed[0]).toMatch(/^ID\s+FROM\s+TO\s+STATUS\s+DEADLINE\s+QUESTION$/);
    expect(listed[1]).toMatch(
      new RegExp(`^${id}  alice  bob  open    \\S+Z  Which port should the dev server use\\?$`),
    );
    expect(succeeded(await as('bob')(['question', 'show', id]))).toContain(
      `Answer schema: ${JSON.stringify(PORT_SCHEMA)}\n`,
    );

    expect(succeeded(await as('bob')(['answer', id, '{"port":8080}']))).toBe(`answered ${id}\n`);
    expect(jsonOf(await as('alice')(['question', 'show', id, '--json']))).toMatchObject({
      status: 'answered',
      answer: { port: 8080 },
      closedBy: { name: 'bob' },
    });
    expect(succeeded(await as('alice')(['question', 'wait', id]))).toBe('{\n  "port": 8080\n}\n');
    expect(succeeded(await as('bob')(['questions']))).toBe('no questions\n');
    expect(
      jsonOf(await as('alice')(['questions', '--asked', '--all', '--json'])).elicitations,
    ).toHaveLength(1);
  });

  it('ask --wait prints the answer another agent gives while it waits', async () => {
    const { as } = await start();
    const waiting = as('alice')(['ask', 'bob', 'Ship it?', '--wait', '--timeout', '5m']);
    const id = await openQuestionOf(as('bob'));
    expect(succeeded(await as('bob')(['answer', id, '--text'], 'yes, ship it\n'))).toBe(
      `answered ${id}\n`,
    );
    const result = await waiting;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('yes, ship it\n');
    expect(result.stderr).toMatch(new RegExp(`^asked ${id} of bob, open until \\S+Z; waiting\\n$`));
  });

  it.each([
    ['declined', 'bob', ['question', 'decline'], 'not my area'],
    ['cancelled', 'alice', ['question', 'cancel'], 'changed my mind'],
  ])('ask --wait exits 2 when the question is %s', async (status, who, act, reason) => {
    const { as } = await start();
    const waiting = as('alice')(['ask', 'bob', 'Deploy now?', '--wait', '--json']);
    const id = await openQuestionOf(as('bob'));
    expect(succeeded(await as(who)([...act, id, reason]))).toBe(`${status} ${id}\n`);
    const result = await waiting;
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ elicitationId: id, status, reason });
    expect(result.stderr).toMatch(new RegExp(`question ${id} ${status} by ${who}: ${reason}\n$`));
  });

  it('ask --wait exits 2 when the question expires unanswered', async () => {
    const { as } = await start();
    const result = await as('alice')(['ask', 'bob', 'Quick one?', '--wait', '--timeout', '1s']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/question \S+ expired\n$/);
  });

  it.each([
    [
      'an answer that breaks the schema',
      '{"port":"80"}',
      400,
      'invalid_answer',
      /answer field \/port must be integer/,
    ],
    [
      'an answer with a field the schema does not take',
      '{"port":80,"host":"x"}',
      400,
      'invalid_answer',
      /\/host/,
    ],
  ])('refuses %s, naming the field', async (_case, answer, status, code, message) => {
    const { as } = await start();
    const asked = jsonOf(
      await as('alice')(['ask', 'bob', 'Port?', '--schema', JSON.stringify(PORT_SCHEMA), '--json']),
    );
    failedWith(await as('bob')(['answer', asked.elicitationId, answer]), status, code, message);
    expect(
      jsonOf(await as('bob')(['question', 'show', asked.elicitationId, '--json'])).status,
    ).toBe('open');
  });

  it.each([
    [
      'an unknown question',
      'bob',
      ['answer', '01a21b9d-d512-7000-ad93-000000000000', '1'],
      404,
      'not_found',
    ],
    ['an answer by the asker', 'alice', ['answer', '{id}', '"yes"'], 403, 'not_addressee'],
    ['a question someone else was asked', 'sec', ['answer', '{id}', '"yes"'], 404, 'not_found'],
    [
      'a cancel by someone else than the asker',
      'bob',
      ['question', 'cancel', '{id}'],
      403,
      'not_asker',
    ],
    ['a question to nobody', 'alice', ['ask', 'nobody', 'hi?'], 400, 'no_recipients'],
  ])('refuses %s with the bridge code', async (_case, who, args, status, code) => {
    const { as } = await start();
    const asked = jsonOf(await as('alice')(['ask', 'bob', 'Port?', '--json']));
    const filled = args.map((arg) => arg.replace('{id}', asked.elicitationId));
    failedWith(await as(who)(filled), status, code, /./);
  });

  it('names the option whose JSON does not parse, asking nothing', async () => {
    const { as } = await start();
    const result = await as('alice')(['ask', 'bob', 'Port?', '--schema', '{type:']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^lighthouse-bridge: --schema is not valid JSON/);
    expect(succeeded(await as('bob')(['questions']))).toBe('no questions\n');
  });
});
