import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import {
  ELICITATION_STREAM_PREFIX,
  elicitationStreamId,
} from '../../src/coordination/elicitations/events.js';
import { ElicitationService } from '../../src/coordination/elicitations/service.js';
import { useTempDirs } from '../support/temp-dir.js';
import { eventually, openWorld, refusal, registerAgents, tally, type World } from './harness.js';

const tempDir = useTempDirs();
const ADMIN: Principal = { agentId: 'admin', name: 'admin', role: 'admin' };
const SEVERITY = {
  type: 'object',
  properties: { severity: { enum: ['low', 'high'] } },
  required: ['severity'],
};

async function setUp(dataDir = tempDir(), experts = 2, clock?: () => number) {
  const world = await openWorld(dataDir);
  const agents = await registerAgents(world, [
    { name: 'alice', role: 'builder' },
    { name: 'bob', role: 'builder' },
    ...Array.from({ length: experts }, (_, n) => ({
      name: `expert-${n}`,
      role: 'expert',
      capabilities: ['security'],
    })),
  ]);
  const service = new ElicitationService(world.store, world.registry, { clock });
  await service.start();
  const expertList = Array.from({ length: experts }, (_, n) => agents[`expert-${n}`] as Principal);
  return {
    world,
    service,
    alice: agents.alice as Principal,
    bob: agents.bob as Principal,
    experts: expertList,
  };
}

async function streamTypes(world: World, id: string): Promise<string[]> {
  return (await world.store.readStream(elicitationStreamId(id))).events.map((event) => event.type);
}

describe('ElicitationService', () => {
  it('lets exactly one of twenty concurrent answers win', async () => {
    const { world, service, alice, experts } = await setUp(tempDir(), 20);
    const question = await service.ask(alice, {
      to: 'capability:security',
      question: 'Ship it?',
      schema: SEVERITY,
    });
    const results = await Promise.allSettled(
      experts.map((expert, n) =>
        service.answer(expert, question.elicitationId, { severity: n % 2 ? 'low' : 'high' }),
      ),
    );
    expect(tally(results)).toEqual({ ok: 1, already_answered: 19 });
    const winner = results.findIndex((result) => result.status === 'fulfilled');
    const final = service.get(alice, question.elicitationId);
    expect(final.status).toBe('answered');
    expect(final.closedBy?.name).toBe(`expert-${winner}`);
    expect(await streamTypes(world, question.elicitationId)).toEqual([
      'ElicitationAsked',
      'ElicitationAnswered',
    ]);
    await service.close();
    await world.close();
  });

  it('hands a waiting asker the answer itself as soon as it is recorded', async () => {
    const { world, service, alice, experts } = await setUp();
    const question = await service.ask(alice, {
      to: 'capability:security',
      question: 'Severity?',
      schema: SEVERITY,
      timeoutMs: 3_600_000,
    });
    const waiting = service.waitForOutcome(alice, question.elicitationId, 3_600_000);
    await service.answer(experts[1] as Principal, question.elicitationId, { severity: 'high' });
    const outcome = await waiting;
    expect(outcome.status).toBe('answered');
    expect(outcome.answer).toEqual({ severity: 'high' });
    expect(outcome.closedBy?.name).toBe('expert-1');

    const unanswered = await service.ask(alice, {
      to: 'expert-0',
      question: 'Still there?',
      schema: true,
    });
    expect((await service.waitForOutcome(alice, unanswered.elicitationId, 20)).status).toBe('open');
    expect((await service.waitForOutcome(alice, unanswered.elicitationId, 0)).status).toBe('open');
    await refusal(service.waitForOutcome(alice, unanswered.elicitationId, -1), 'invalid_input');
    await service.close();
    await world.close();
  });

  it('refuses invalid answers, strangers, and other callers’ cancels without writing', async () => {
    const { world, service, alice, bob, experts } = await setUp();
    const expert = experts[0] as Principal;
    const question = await service.ask(alice, {
      to: 'capability:security',
      question: 'Severity?',
      schema: SEVERITY,
    });
    const error = await refusal(
      service.answer(expert, question.elicitationId, { severity: 'medium' }),
      'invalid_answer',
    );
    expect(error.details).toMatchObject({ field: '/severity' });
    await refusal(service.answer(bob, question.elicitationId, { severity: 'low' }), 'not_found');
    await refusal(service.cancel(expert, question.elicitationId), 'not_asker');
    await refusal(
      service.ask(alice, { to: 'capability:cooking', question: 'Soup?', schema: true }),
      'no_recipients',
    );
    await refusal(
      service.ask(alice, { to: 'bob', question: 'Bad schema', schema: { type: 'nope' } }),
      'invalid_schema',
    );
    expect(await streamTypes(world, question.elicitationId)).toEqual(['ElicitationAsked']);
    expect(
      (await world.store.readAll({ streamPrefix: ELICITATION_STREAM_PREFIX })).events,
    ).toHaveLength(1);

    expect(service.get(ADMIN, question.elicitationId).question).toBe('Severity?');
    expect(() => service.get(bob, question.elicitationId)).toThrow(/no question has the id/);
    expect(service.pendingFor(expert).map((open) => open.elicitationId)).toEqual([
      question.elicitationId,
    ]);
    expect(service.pendingFor(alice)).toEqual([]);
    expect(service.pendingFor(bob)).toEqual([]);

    const declined = await service.decline(expert, question.elicitationId, 'not sure');
    expect(declined).toMatchObject({ status: 'declined', reason: 'not sure' });
    const other = await service.ask(alice, { to: 'bob', question: 'Lunch?', schema: true });
    expect((await service.cancel(alice, other.elicitationId)).status).toBe('cancelled');
    expect(service.askedBy(alice).map((asked) => asked.status)).toEqual(['declined', 'cancelled']);
    expect(service.askedBy(alice, 'cancelled')).toHaveLength(1);
    await service.close();
    await world.close();
  });

  it('expires a question at its deadline and tells the waiting asker', async () => {
    const { world, service, alice } = await setUp();
    const question = await service.ask(alice, {
      to: 'bob',
      question: 'Quick?',
      schema: true,
      timeoutMs: 30,
    });
    const outcome = await service.waitForOutcome(alice, question.elicitationId, 60_000);
    expect(outcome.status).toBe('expired');
    expect(await streamTypes(world, question.elicitationId)).toEqual([
      'ElicitationAsked',
      'ElicitationExpired',
    ]);
    await service.close();
    await world.close();
  });

  it('expires overdue questions on start after a restart, and rebuilds the same view', async () => {
    const dataDir = tempDir();
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const clock = () => now;
    const first = await setUp(dataDir, 2, clock);
    const overdue = await first.service.ask(first.alice, {
      to: 'bob',
      question: 'Soon?',
      schema: true,
      timeoutMs: 1000,
    });
    const lasting = await first.service.ask(first.alice, {
      to: 'bob',
      question: 'Later?',
      schema: true,
      timeoutMs: 3_600_000,
    });
    const answered = await first.service.ask(first.alice, {
      to: 'bob',
      question: 'Now?',
      schema: true,
    });
    await first.service.answer(first.bob, answered.elicitationId, 'yes');
    expect(first.service.get(first.alice, overdue.elicitationId).status).toBe('open');
    await first.service.close();
    await first.world.close();

    now += 5000;
    const world = await openWorld(dataDir);
    const service = new ElicitationService(world.store, world.registry, { clock });
    await service.start();
    expect(service.get(first.alice, overdue.elicitationId).status).toBe('expired');
    expect(await streamTypes(world, overdue.elicitationId)).toEqual([
      'ElicitationAsked',
      'ElicitationExpired',
    ]);
    expect(service.get(first.alice, lasting.elicitationId)).toEqual(lasting);
    expect(service.get(first.alice, answered.elicitationId).answer).toBe('yes');
    await service.close();
    await world.close();
  });

  it('is expired once even when a second node on the same store starts after the timer fired', async () => {
    const { world, service, alice } = await setUp();
    const question = await service.ask(alice, {
      to: 'bob',
      question: 'Soon?',
      schema: true,
      timeoutMs: 10,
    });
    await eventually(
      () => service.get(alice, question.elicitationId).status === 'expired',
      'the question expired',
    );
    const again = new ElicitationService(world.store, world.registry);
    await again.start();
    await again.close();
    expect(await streamTypes(world, question.elicitationId)).toEqual([
      'ElicitationAsked',
      'ElicitationExpired',
    ]);
    await service.close();
    await world.close();
  });
});
