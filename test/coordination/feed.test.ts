import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import type { FeedSubscription } from '../../src/coordination/feed/agent-feeds.js';
import type { FeedItem } from '../../src/coordination/feed/routes.js';
import { type Coordination, openCoordination } from '../../src/coordination/open-coordination.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, registerAgents, type World } from './harness.js';

const tempDir = useTempDirs();

function open(world: World): Promise<Coordination> {
  return openCoordination({ store: world.store, agents: world.registry, projectRoot: '/project' });
}

async function take(feed: FeedSubscription, count: number): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  const iterator = feed[Symbol.asyncIterator]();
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

async function setUp() {
  const world = await openWorld(tempDir());
  const team = (await registerAgents(world, [
    { name: 'alice', role: 'builder' },
    { name: 'bob', role: 'builder' },
    { name: 'erin', role: 'expert', capabilities: ['security'] },
  ])) as Record<'alice' | 'bob' | 'erin', Principal>;
  return { world, team };
}

describe('AgentFeeds', () => {
  it('replays from an older position what concerns the agent, follow-ups of closed subjects too', async () => {
    const { world, team } = await setUp();
    const { alice, bob } = team;
    const coordination = await open(world);
    const question = await coordination.elicitations.ask(alice, {
      to: 'bob',
      question: 'Ready?',
      schema: { type: 'boolean' },
    });
    await coordination.elicitations.answer(bob, question.elicitationId, true);
    await coordination.messages.send(alice, { to: 'bob', subject: 'thanks', body: '' });
    const head = await world.store.headPosition();
    await expect.poll(() => coordination.feeds.position).toBe(head);

    const asker = coordination.feeds.open(alice, { after: 0 });
    const [closed] = await take(asker, 1);
    expect(closed).toMatchObject({ kind: 'question_closed', status: 'answered', answer: true });
    const answerer = coordination.feeds.open(bob, { after: 0 });
    expect((await take(answerer, 2)).map((item) => item.kind)).toEqual(['question', 'message']);
    asker.close();
    answerer.close();
    await coordination.close();
    await world.close();
  });

  it('remembers after a restart who started what, so follow-ups still find them', async () => {
    const { world, team } = await setUp();
    const { alice, bob } = team;
    const before = await open(world);
    const task = await before.tasks.dispatch(alice, { to: 'bob', title: 'Migrate' });
    // Opened while the first still runs, it has no snapshot of it: as after a crash, it replays.
    const after = await open(world);
    await before.close();
    const feed = after.feeds.open(alice);
    await after.tasks.claim(bob, task.taskId);
    const [claimed] = await take(feed, 1);
    expect(claimed).toMatchObject({
      kind: 'task_update',
      taskId: task.taskId,
      status: 'claimed',
      by: { agentId: bob.agentId, name: 'bob' },
    });
    feed.close();
    await after.close();
    await world.close();
  });

  it('catches a reader that fell behind its buffer up from the log, with no gap and no duplicate', async () => {
    const { world, team } = await setUp();
    const { alice, bob } = team;
    const coordination = await open(world);
    const feed = coordination.feeds.open(bob, { bufferSize: 2 });
    const iterator = feed[Symbol.asyncIterator]();
    await coordination.messages.send(alice, { to: 'bob', subject: 'm1', body: '' });
    expect((await iterator.next()).value?.subject).toBe('m1');
    for (let index = 2; index <= 12; index++) {
      await coordination.messages.send(alice, {
        to: index % 3 ? 'bob' : '*',
        subject: `m${index}`,
        body: '',
      });
      await coordination.messages.send(alice, { to: 'erin', subject: 'not for bob', body: '' });
    }
    const subjects: string[] = [];
    for (let index = 2; index <= 12; index++) subjects.push((await iterator.next()).value?.subject);
    expect(subjects).toEqual(Array.from({ length: 11 }, (_, index) => `m${index + 2}`));
    await coordination.messages.send(alice, { to: 'bob', subject: 'live again', body: '' });
    expect((await iterator.next()).value?.subject).toBe('live again');
    feed.close();
    await coordination.close();
    await world.close();
  });

  it('hands one broadcast to every connected agent exactly once, in order with what follows', async () => {
    const { world, team } = await setUp();
    const { alice, bob, erin } = team;
    const coordination = await open(world);
    const feeds = Array.from({ length: 50 }, (_, index) =>
      coordination.feeds.open(index % 2 === 0 ? bob : erin),
    );
    await coordination.messages.send(alice, { to: '*', subject: 'all', body: '' });
    await coordination.messages.send(alice, { to: 'bob', subject: 'bob', body: '' });
    await coordination.messages.send(alice, { to: 'erin', subject: 'erin', body: '' });
    const received = await Promise.all(feeds.map((feed) => take(feed, 2)));
    received.forEach((items, index) => {
      expect(items.map((item) => item.subject)).toEqual(['all', index % 2 === 0 ? 'bob' : 'erin']);
    });
    for (const feed of feeds) feed.close();
    await coordination.close();
    await world.close();
  });
});
