import { describe, expect, it } from 'vitest';
import { failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

describe('lighthouse-bridge tasks, task, claim', () => {
  it('creates, lists, claims, reports, completes, and unblocks what waited on it', async () => {
    const { as } = await start();
    const alice = as('alice');
    const bob = as('bob');
    const schema = jsonOf(
      await alice([
        'task',
        'create',
        'bob',
        'Write the schema',
        '--description',
        'users table',
        '--json',
      ]),
    );
    const created = succeeded(
      await alice([
        'task',
        'create',
        'bob',
        'Write the migration',
        '--blocked-by',
        schema.taskId,
        '--input',
        '{"table":"users"}',
        '--claim-timeout',
        '30m',
      ]),
    );
    expect(created).toMatch(/^created task \S+ for bob, waiting on 1 task\n$/);
    const migrationId = /^created task (\S+)/.exec(created)?.[1] as string;
    expect(jsonOf(await bob(['task', 'show', migrationId, '--json']))).toMatchObject({
      input: { table: 'users' },
      blockedBy: [schema.taskId],
      claimTimeoutSeconds: 1800,
    });

    expect(succeeded(await bob(['tasks'])).split('\n')).toEqual([
      'ID                                    STATUS                   TO   CLAIMANT  TITLE',
      `${schema.taskId}  open                     bob            Write the schema`,
      `${migrationId}  open, waiting on 1 task  bob            Write the migration`,
      '',
    ]);
    const openForBob = jsonOf(await bob(['tasks', '--scope', 'open_for_me', '--json']));
    expect(openForBob.map((task: { taskId: string }) => task.taskId)).toEqual([schema.taskId]);

    expect(succeeded(await bob(['claim', schema.taskId]))).toMatch(
      new RegExp(`^claimed ${schema.taskId} "Write the schema" until \\S+Z\\n$`),
    );
    expect(
      succeeded(await bob(['task', 'progress', schema.taskId, 'half way', '--percent', '50'])),
    ).toMatch(/^noted progress on \S+; claimed until \S+Z\n$/);
    const shown = succeeded(await bob(['task', 'show', schema.taskId]));
    expect(shown).toMatch(/^Claimant: {3}bob until \S+Z$/m);
    expect(shown).toMatch(/^Progress: {3}50% half way \(\S+Z\)$/m);
    expect(shown.endsWith('\n\nusers table\n')).toBe(true);

    expect(
      succeeded(
        await bob(['task', 'complete', schema.taskId, '--result', '{"files":["schema.sql"]}']),
      ),
    ).toBe(`completed ${schema.taskId}\n`);
    expect(jsonOf(await alice(['task', 'show', schema.taskId, '--json']))).toMatchObject({
      status: 'completed',
      result: { files: ['schema.sql'] },
    });
    const nowOpen = jsonOf(await bob(['tasks', '--scope', 'open_for_me', '--json']));
    expect(nowOpen.map((task: { taskId: string }) => task.taskId)).toEqual([migrationId]);
  });

  it('gives a task back and takes a failure with its reason', async () => {
    const { as } = await start();
    const task = jsonOf(
      await as('alice')(['task', 'create', 'role:builder', 'Fix the build', '--json']),
    );
    succeeded(await as('bob')(['task', 'claim', task.taskId]));
    expect(succeeded(await as('bob')(['task', 'release', task.taskId, 'no time']))).toBe(
      `released ${task.taskId}; it is open again\n`,
    );
    succeeded(await as('alice')(['claim', task.taskId]));
    expect(succeeded(await as('alice')(['task', 'fail', task.taskId, 'the runner is down']))).toBe(
      `failed ${task.taskId}: the runner is down\n`,
    );
    const failed = jsonOf(await as('bob')(['tasks', '--status', 'failed', '--json']));
    expect(failed).toMatchObject([{ taskId: task.taskId, error: 'the runner is down', claims: 2 }]);
    expect(succeeded(await as('bob')(['tasks', '--status', 'open']))).toBe('no tasks\n');
  });

  it.each([
    [
      'an unknown task',
      'bob',
      ['claim', '01a21b9d-d512-7000-ad93-000000000000'],
      404,
      'not_found',
      /no task has the id/,
    ],
    [
      'a claim by someone it is not for',
      'alice',
      ['claim', '{id}'],
      403,
      'not_addressee',
      /is for bob, not for alice/,
    ],
    [
      'completing a task not claimed by the caller',
      'alice',
      ['task', 'complete', '{id}'],
      403,
      'not_claimant',
      /./,
    ],
    ['an empty title', 'alice', ['task', 'create', 'bob', ''], 400, 'invalid_input', /title/],
    ['an unknown scope', 'bob', ['tasks', '--scope', 'mine'], 400, 'invalid_request', /scope/],
  ])('refuses %s with the bridge code', async (_case, who, args, status, code, message) => {
    const { as } = await start();
    const task = jsonOf(await as('alice')(['task', 'create', 'bob', 'Write docs', '--json']));
    succeeded(await as('bob')(['claim', task.taskId]));
    const filled = args.map((arg) => arg.replace('{id}', task.taskId));
    failedWith(await as(who)(filled), status, code, message);
  });
});
