import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { taskStreamId } from '../../src/coordination/tasks/events.js';
import { TaskService } from '../../src/coordination/tasks/service.js';
import { useTempDirs } from '../support/temp-dir.js';
import { eventually, openWorld, refusal, registerAgents, tally, type World } from './harness.js';

const tempDir = useTempDirs();

async function setUp(dataDir = tempDir(), builders = 3, clock?: () => number) {
  const world = await openWorld(dataDir);
  const agents = await registerAgents(world, [
    { name: 'lead', role: 'admin' },
    { name: 'oli', role: 'observer' },
    ...Array.from({ length: builders }, (_, n) => ({
      name: `builder-${n}`,
      role: 'builder',
      capabilities: ['db'],
    })),
  ]);
  const tasks = new TaskService(world.store, world.registry, { clock });
  await tasks.start();
  const team = Array.from({ length: builders }, (_, n) => agents[`builder-${n}`] as Principal);
  return { world, tasks, lead: agents.lead as Principal, oli: agents.oli as Principal, team };
}

async function streamTypes(world: World, taskId: string): Promise<string[]> {
  return (await world.store.readStream(taskStreamId(taskId))).events.map((event) => event.type);
}

describe('TaskService', () => {
  it('lets exactly one of twenty concurrent claimers win', async () => {
    const { world, tasks, lead, team } = await setUp(tempDir(), 20);
    const task = await tasks.dispatch(lead, { to: 'capability:db', title: 'Vacuum the database' });
    const results = await Promise.allSettled(
      team.map((builder) => tasks.claim(builder, task.taskId)),
    );
    expect(tally(results)).toEqual({ ok: 1, already_claimed: 19 });
    const winner = team[results.findIndex((result) => result.status === 'fulfilled')] as Principal;
    expect(tasks.get(task.taskId)).toMatchObject({
      status: 'claimed',
      claimant: { name: winner.name },
    });
    expect(await streamTypes(world, task.taskId)).toEqual(['TaskDispatched', 'TaskClaimed']);
    await tasks.close();
    await world.close();
  });

  it('carries a task through progress to completion, and failure', async () => {
    const { world, tasks, lead, oli, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const task = await tasks.dispatch(lead, {
      to: 'builder-0',
      title: 'Write the migration',
      input: { table: 'users' },
    });
    await refusal(tasks.claim(dan, task.taskId), 'not_addressee');
    await refusal(tasks.claim(oli, task.taskId), 'not_addressee');
    await tasks.claim(bea, task.taskId);
    const progressed = await tasks.progress(bea, task.taskId, { note: 'draft ready', percent: 60 });
    expect(progressed.progress).toMatchObject({ note: 'draft ready', percent: 60 });
    await refusal(tasks.complete(dan, task.taskId, {}), 'not_claimant');
    const done = await tasks.complete(bea, task.taskId, { migration: '0042_users.sql' });
    expect(done).toMatchObject({ status: 'completed', result: { migration: '0042_users.sql' } });

    const doomed = await tasks.dispatch(lead, { to: 'capability:db', title: 'Shard everything' });
    await tasks.claim(dan, doomed.taskId);
    expect(await tasks.fail(dan, doomed.taskId, 'not feasible')).toMatchObject({
      status: 'failed',
      error: 'not feasible',
    });
    await refusal(tasks.claim(bea, doomed.taskId), 'already_closed');
    await tasks.close();
    await world.close();
  });

  it('blocks a task until the tasks it waits for are completed', async () => {
    const { world, tasks, lead, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const schema = await tasks.dispatch(lead, { to: 'capability:db', title: 'Change the schema' });
    const backfill = await tasks.dispatch(lead, {
      to: 'capability:db',
      title: 'Backfill',
      blockedBy: [schema.taskId],
    });
    expect(backfill.waitingOn).toEqual([schema.taskId]);
    const openFor = (who: Principal) =>
      tasks.list(who, { scope: 'open_for_me' }).map((task) => task.title);
    expect(openFor(dan)).toEqual(['Change the schema']);
    const blocked = await refusal(tasks.claim(dan, backfill.taskId), 'blocked');
    expect(blocked.details).toEqual({ blockedBy: [schema.taskId] });

    await tasks.claim(bea, schema.taskId);
    await tasks.complete(bea, schema.taskId);
    expect(openFor(dan)).toEqual(['Backfill']);
    expect((await tasks.claim(dan, backfill.taskId)).waitingOn).toEqual([]);

    await refusal(
      tasks.dispatch(lead, {
        to: 'capability:db',
        title: 'x',
        blockedBy: ['01939d2e-7a4b-7000-8000-000000000999'],
      }),
      'not_found',
    );
    await refusal(tasks.dispatch(lead, { to: 'nobody', title: 'x' }), 'no_recipients');
    await tasks.close();
    await world.close();
  });

  it('lists tasks by scope and status', async () => {
    const { world, tasks, lead, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const one = await tasks.dispatch(lead, { to: 'capability:db', title: 'one' });
    await tasks.dispatch(lead, { to: 'capability:db', title: 'two' });
    await tasks.dispatch(bea, { to: 'builder-1', title: 'three' });
    await tasks.claim(bea, one.taskId);
    const titles = (who: Principal, filter: Parameters<TaskService['list']>[1]) =>
      tasks.list(who, filter).map((task) => task.title);
    expect(titles(bea, { scope: 'claimed_by_me' })).toEqual(['one']);
    expect(titles(dan, { scope: 'open_for_me' })).toEqual(['two', 'three']);
    expect(titles(bea, { scope: 'open_for_me' })).toEqual(['two']);
    expect(titles(bea, { scope: 'dispatched_by_me' })).toEqual(['three']);
    expect(titles(lead, { scope: 'dispatched_by_me' })).toEqual(['one', 'two']);
    expect(titles(lead, { status: ['claimed'] })).toEqual(['one']);
    expect(titles(lead, {})).toEqual(['one', 'two', 'three']);
    expect(titles(lead, { limit: 2 })).toEqual(['one', 'two']);
    await refusal(
      Promise.resolve().then(() => tasks.list(lead, { scope: 'mine' as never })),
      'invalid_input',
    );
    await refusal(
      Promise.resolve().then(() => tasks.list(lead, { status: ['done'] })),
      'invalid_input',
    );
    await tasks.close();
    await world.close();
  });

  it('reopens a task whose claim times out, by its timer', async () => {
    const { world, tasks, lead, team } = await setUp();
    const [bea, dan] = team as [Principal, Principal];
    const task = await tasks.dispatch(lead, {
      to: 'capability:db',
      title: 'Flaky',
      claimTimeoutSeconds: 0.02,
    });
    await tasks.claim(bea, task.taskId);
    await eventually(() => tasks.get(task.taskId).status === 'open', 'the claim lapsed');
    expect(await streamTypes(world, task.taskId)).toEqual([
      'TaskDispatched',
      'TaskClaimed',
      'TaskClaimExpired',
    ]);
    await refusal(tasks.complete(bea, task.taskId), 'not_claimant');
    expect((await tasks.claim(dan, task.taskId)).claimant?.name).toBe('builder-1');
    expect(tasks.get(task.taskId).claims).toBe(2);
    await tasks.close();
    await world.close();
  });

  it('reclaims overdue claims on start after a restart, and rebuilds the same board', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const clock = () => now;
    const first = await setUp(dataDir, 3, clock);
    const [bea] = first.team as [Principal];
    const short = await first.tasks.dispatch(first.lead, {
      to: 'capability:db',
      title: 'short',
      claimTimeoutSeconds: 1,
    });
    const long = await first.tasks.dispatch(first.lead, {
      to: 'capability:db',
      title: 'long',
      claimTimeoutSeconds: 3600,
    });
    await first.tasks.claim(bea, short.taskId);
    await first.tasks.claim(bea, long.taskId);
    const before = first.tasks.list(first.lead);
    await first.tasks.close();
    await first.world.close();

    const world = await openWorld(dataDir);
    const tasks = new TaskService(world.store, world.registry, { clock });
    await tasks.start();
    expect(tasks.list(first.lead)).toEqual(before);
    await tasks.close();

    now += 5000;
    const later = new TaskService(world.store, world.registry, { clock });
    await later.start();
    expect(later.get(short.taskId).status).toBe('open');
    expect(later.get(long.taskId)).toEqual(before[1]);
    await later.close();
    await world.close();
  });
});
