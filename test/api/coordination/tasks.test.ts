import { describe, expect, it } from 'vitest';
import { useBridges } from '../harness.js';
import { registerTeam, type TeamMember } from './team.js';

const start = useBridges();

async function setUp() {
  const bridge = await start();
  const team = await registerTeam(bridge, [
    { name: 'dana', role: 'builder' },
    { name: 'ann', role: 'builder', capabilities: ['typescript'] },
    { name: 'ben', role: 'builder', capabilities: ['typescript'] },
    { name: 'olly', role: 'observer' },
  ]);
  const [dana, ann, ben, olly] = ['dana', 'ann', 'ben', 'olly'].map(
    (name) => team[name] as TeamMember,
  ) as [TeamMember, TeamMember, TeamMember, TeamMember];
  const dispatch = async (body: Record<string, unknown>) => {
    const answer = await bridge.call('POST', '/v1/tasks', { token: dana.token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body;
  };
  const act = (member: TeamMember, taskId: string, action: string, body?: unknown) =>
    bridge.call('POST', `/v1/tasks/${taskId}/${action}`, { token: member.token, body });
  return { bridge, dana, ann, ben, olly, dispatch, act };
}

function listed(answer: { body: { tasks: { title: string }[] } }): string[] {
  return answer.body.tasks.map((task) => task.title);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('tasks over REST', () => {
  it('carries a task from dispatch through claim and progress to completion', async () => {
    const { bridge, dana, ann, dispatch, act } = await setUp();
    const task = await dispatch({
      to: 'capability:typescript',
      title: 'port the parser',
      description: 'to the new lexer',
      input: { files: ['src/parser.ts'] },
      claimTimeoutSeconds: 600,
    });
    expect(task).toMatchObject({
      by: { agentId: dana.agentId, name: 'dana' },
      to: 'capability:typescript',
      title: 'port the parser',
      description: 'to the new lexer',
      input: { files: ['src/parser.ts'] },
      blockedBy: [],
      waitingOn: [],
      claimTimeoutSeconds: 600,
      status: 'open',
      claimant: null,
      progress: null,
      result: null,
      claims: 0,
    });

    const claimed = await act(ann, task.taskId, 'claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimant: { name: 'ann' }, claims: 1 });

    const progressed = await act(ann, task.taskId, 'progress', { note: 'half', percent: 50 });
    expect(progressed.status).toBe(200);
    expect(progressed.body.progress).toMatchObject({ note: 'half', percent: 50 });

    const completed = await act(ann, task.taskId, 'complete', { result: { merged: true } });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', result: { merged: true } });
    expect(completed.body.closedAt).toEqual(expect.any(String));

    const fetched = await bridge.call('GET', `/v1/tasks/${task.taskId}`, { token: dana.token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(completed.body);
  });

  it('lets the claimant release a task for others, and fail it with the reason', async () => {
    const { ann, ben, dispatch, act } = await setUp();
    const task = await dispatch({ to: 'capability:typescript', title: 'flaky test' });
    await act(ann, task.taskId, 'claim');
    const released = await act(ann, task.taskId, 'release', { reason: 'out of time' });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', claimant: null });

    expect((await act(ben, task.taskId, 'claim')).body.claimant.name).toBe('ben');
    const failed = await act(ben, task.taskId, 'fail', { error: 'cannot reproduce' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', error: 'cannot reproduce', claims: 2 });
  });

  it('lists tasks by scope and status', async () => {
    const { bridge, dana, ann, ben, dispatch, act } = await setUp();
    const mine = await dispatch({ to: 'ann', title: 'for ann' });
    await dispatch({ to: 'ben', title: 'for ben' });
    await dispatch({ to: 'capability:typescript', title: 'for both' });
    await act(ann, mine.taskId, 'claim');
    const list = (token: string, query: string) =>
      bridge.call('GET', `/v1/tasks${query}`, { token });

    const all = await list(ben.token, '');
    expect(all.status).toBe(200);
    expect(listed(all)).toEqual(['for ann', 'for ben', 'for both']);
    expect(listed(await list(ben.token, '?scope=open_for_me'))).toEqual(['for ben', 'for both']);
    expect(listed(await list(ann.token, '?scope=claimed_by_me'))).toEqual(['for ann']);
    expect(listed(await list(dana.token, '?scope=dispatched_by_me&limit=2'))).toEqual([
      'for ann',
      'for ben',
    ]);
    expect(listed(await list(dana.token, '?status=claimed'))).toEqual(['for ann']);
    expect(listed(await list(dana.token, '?status=open,claimed'))).toHaveLength(3);
  });

  it('lets exactly one of two agents claiming the same task at once win', async () => {
    const { ann, ben, dispatch, act } = await setUp();
    const task = await dispatch({ to: 'capability:typescript', title: 'contended' });
    const answers = await Promise.all([
      act(ann, task.taskId, 'claim'),
      act(ben, task.taskId, 'claim'),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const won = answers.find((answer) => answer.status === 200);
    const lost = answers.find((answer) => answer.status === 409);
    expect(lost?.body.error.code).toBe('already_claimed');
    expect(lost?.body.error.details).toEqual({ claimant: won?.body.claimant.name });
  });

  it('holds a task back until the tasks it is blocked by are completed', async () => {
    const { bridge, ann, dispatch, act } = await setUp();
    const schema = await dispatch({ to: 'ann', title: 'schema' });
    const migration = await dispatch({
      to: 'ann',
      title: 'migration',
      blockedBy: [schema.taskId],
    });
    expect(migration).toMatchObject({ blockedBy: [schema.taskId], waitingOn: [schema.taskId] });
    const open = await bridge.call('GET', '/v1/tasks?scope=open_for_me', { token: ann.token });
    expect(listed(open)).toEqual(['schema']);

    const blocked = await act(ann, migration.taskId, 'claim');
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({
      code: 'blocked',
      details: { blockedBy: [schema.taskId] },
    });

    await act(ann, schema.taskId, 'claim');
    await act(ann, schema.taskId, 'complete');
    const claimed = await act(ann, migration.taskId, 'claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', waitingOn: [] });
  });

  it('lets another agent reclaim a task whose claim timed out, and refuses the late claimant', async () => {
    const { ann, ben, dispatch, act } = await setUp();
    const task = await dispatch({
      to: 'capability:typescript',
      title: 'slow',
      claimTimeoutSeconds: 0.05,
    });
    const claimed = await act(ann, task.taskId, 'claim');
    const expiresAt = Date.parse(claimed.body.claimExpiresAt);
    await until(() => Date.now() > expiresAt);

    const reclaimed = await act(ben, task.taskId, 'claim');
    expect(reclaimed.status).toBe(200);
    expect(reclaimed.body).toMatchObject({ claimant: { name: 'ben' }, claims: 2 });
    const late = await act(ann, task.taskId, 'complete');
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('not_claimant');
  });

  it('rejects a blocker that does not exist', async () => {
    const { bridge, dana } = await setUp();
    const answer = await bridge.call('POST', '/v1/tasks', {
      token: dana.token,
      body: { to: 'ann', title: 'orphan', blockedBy: ['01890a5d-ac96-774b-bcce-b302099a8057'] },
    });
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });

  type Who = 'dana' | 'ann' | 'ben' | 'olly';
  const refusals: [string, Who, string, unknown, number, string, RegExp?][] = [
    ['progress by another agent', 'ben', 'progress', { note: 'mine now' }, 403, 'not_claimant'],
    ['completion by another agent', 'ben', 'complete', { result: 1 }, 403, 'not_claimant'],
    ['failure by another agent', 'ben', 'fail', { error: 'no' }, 403, 'not_claimant'],
    ['release by another agent', 'ben', 'release', undefined, 403, 'not_claimant'],
    ['release by its dispatcher', 'dana', 'release', undefined, 403, 'not_claimant'],
    ['a claim by an agent it is not for', 'dana', 'claim', undefined, 403, 'not_addressee'],
    ['a claim by an observer', 'olly', 'claim', undefined, 403, 'forbidden'],
    ['a second claim by another agent', 'ben', 'claim', undefined, 409, 'already_claimed'],
    ['a percent over 100', 'ann', 'progress', { percent: 120 }, 400, 'invalid_input'],
    ['failing without an error', 'ann', 'fail', {}, 400, 'invalid_request', /body\/error/],
    [
      'an unknown field',
      'ann',
      'complete',
      { result: 1, outcome: 'ok' },
      400,
      'invalid_request',
      /body\/outcome is not an accepted field/,
    ],
    [
      'a body on a claim',
      'ann',
      'claim',
      { force: true },
      400,
      'invalid_request',
      /body\/force is not an accepted field/,
    ],
  ];

  it.each(refusals)(
    'refuses %s on a task claimed by ann',
    async (_case, who, action, body, status, code, message) => {
      const context = await setUp();
      const task = await context.dispatch({ to: 'capability:typescript', title: 'claimed' });
      await context.act(context.ann, task.taskId, 'claim');
      const answer = await context.act(context[who], task.taskId, action, body);
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      if (message) expect(answer.body.error.message).toMatch(message);
      const after = await context.bridge.call('GET', `/v1/tasks/${task.taskId}`);
      expect(after.body).toMatchObject({ status: 'claimed', claimant: { name: 'ann' }, claims: 1 });
    },
  );

  it.each([
    ['completed', 'complete', 'complete', 409, 'already_closed'],
    ['completed', 'complete', 'release', 409, 'already_closed'],
    ['failed', 'fail', 'claim', 409, 'already_closed'],
  ])(
    'refuses to touch a %s task again (%s, then %s)',
    async (_state, first, then, status, code) => {
      const { ann, dispatch, act } = await setUp();
      const task = await dispatch({ to: 'ann', title: 'closing' });
      await act(ann, task.taskId, 'claim');
      const closing = await act(
        ann,
        task.taskId,
        first,
        first === 'fail' ? { error: 'x' } : undefined,
      );
      expect(closing.status).toBe(200);
      const answer = await act(ann, task.taskId, then);
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
    },
  );

  const unknownId = '01890a5d-ac96-774b-bcce-b302099a8057';
  it.each([
    ['GET', `/v1/tasks/${unknownId}`, 404, 'not_found', undefined],
    ['GET', '/v1/tasks/not-an-id', 404, 'not_found', undefined],
    ['POST', `/v1/tasks/${unknownId}/claim`, 404, 'not_found', undefined],
    ['POST', `/v1/tasks/${unknownId}/fail`, 404, 'not_found', { error: 'x' }],
    ['POST', '/v1/tasks', 400, 'no_recipients', { to: 'nobody', title: 'lost' }],
    ['POST', '/v1/tasks', 400, 'invalid_address', { to: 'role:chef', title: 'lost' }],
    ['POST', '/v1/tasks', 400, 'invalid_input', { to: 'ann', title: '' }],
    ['POST', '/v1/tasks', 400, 'invalid_request', { to: 'ann', title: 't', priority: 1 }],
    ['GET', '/v1/tasks?scope=everything', 400, 'invalid_request', undefined],
    ['GET', '/v1/tasks?status=done', 400, 'invalid_input', undefined],
    ['GET', '/v1/tasks?owner=ann', 400, 'invalid_request', undefined],
  ])('answers %s %s with %i %s', async (method, path, status, code, body) => {
    const { bridge, ann } = await setUp();
    const answer = await bridge.call(method, path, { token: ann.token, body });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
  });

  it('lets an observer read tasks but not dispatch them', async () => {
    const { bridge, olly, dispatch } = await setUp();
    const task = await dispatch({ to: 'ann', title: 'visible' });
    expect((await bridge.call('GET', '/v1/tasks', { token: olly.token })).status).toBe(200);
    const read = await bridge.call('GET', `/v1/tasks/${task.taskId}`, { token: olly.token });
    expect(read.status).toBe(200);
    const head = await bridge.head();
    const refused = await bridge.call('POST', '/v1/tasks', {
      token: olly.token,
      body: { to: 'ann', title: 'sneaky' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await bridge.head()).toBe(head);
  });
});
