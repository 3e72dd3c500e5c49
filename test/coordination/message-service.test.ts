import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { MESSAGE_STREAM_PREFIX } from '../../src/coordination/messages/events.js';
import { MessageService } from '../../src/coordination/messages/service.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, refusal, registerAgents, tally, type World } from './harness.js';

const tempDir = useTempDirs();

async function setUp(dataDir = tempDir()) {
  const world = await openWorld(dataDir);
  const agents = await registerAgents(world, [
    { name: 'alice', role: 'builder', capabilities: ['typescript'] },
    { name: 'bob', role: 'builder' },
    { name: 'sam', role: 'expert', capabilities: ['security', 'db'] },
    { name: 'sue', role: 'expert', capabilities: ['db'] },
  ]);
  const messages = new MessageService(world.store, world.registry);
  await messages.start();
  const get = (name: string) => agents[name] as Principal;
  return {
    world,
    messages,
    alice: get('alice'),
    bob: get('bob'),
    sam: get('sam'),
    sue: get('sue'),
  };
}

async function messageEvents(world: World): Promise<number> {
  return (await world.store.readAll({ streamPrefix: MESSAGE_STREAM_PREFIX })).events.length;
}

describe('MessageService', () => {
  it('delivers direct, role, capability and broadcast messages to the agents reached', async () => {
    const { world, messages, alice, bob, sam, sue } = await setUp();
    await messages.send(alice, { to: 'bob', subject: 'direct', body: '' });
    await messages.send(alice, { to: 'role:expert', subject: 'to experts', body: '' });
    await messages.send(sam, { to: 'capability:db', subject: 'to db people', body: '' });
    await messages.send(bob, { to: '*', subject: 'to everyone', body: '' });
    const subjects = (who: Principal) => messages.inbox(who).map((message) => message.subject);
    expect(subjects(alice)).toEqual(['to everyone']);
    expect(subjects(bob)).toEqual(['direct']);
    expect(subjects(sam)).toEqual(['to everyone', 'to experts']);
    expect(subjects(sue)).toEqual(['to everyone', 'to db people', 'to experts']);
    expect(messages.inbox(sam, { box: 'sent' }).map((message) => message.subject)).toEqual([
      'to db people',
    ]);
    expect(messages.inbox(sam, { box: 'all' })).toHaveLength(3);
    await world.close();
  });

  it('keeps read and acknowledgement state per recipient, idempotently', async () => {
    const { world, messages, alice, bob, sam } = await setUp();
    const sent = await messages.send(alice, {
      to: 'role:builder',
      subject: 'Freeze',
      body: 'No merges today',
      ackRequired: true,
      importance: 'urgent',
    });
    expect(sent.recipients.map((recipient) => recipient.name)).toEqual(['bob']);
    expect(sent.threadId).toBe(sent.messageId);
    expect(messages.get(bob, sent.messageId)).toMatchObject({ read: false, acknowledged: false });

    const read = await messages.markRead(bob, sent.messageId);
    expect(read).toMatchObject({ read: true, acknowledged: false });
    const eventsAfterRead = await messageEvents(world);
    await messages.markRead(bob, sent.messageId);
    expect(await messageEvents(world)).toBe(eventsAfterRead);

    expect(await messages.acknowledge(bob, sent.messageId)).toMatchObject({ acknowledged: true });
    await messages.acknowledge(bob, sent.messageId);
    expect(await messageEvents(world)).toBe(eventsAfterRead + 1);
    expect(messages.get(alice, sent.messageId).acknowledgedBy).toHaveProperty(bob.agentId);

    await refusal(messages.acknowledge(alice, sent.messageId), 'not_recipient');
    await refusal(messages.markRead(sam, sent.messageId), 'not_found');
    expect(() => messages.get(sam, sent.messageId)).toThrow(/no message has the id/);
    await world.close();
  });

  it('records every receipt when twenty recipients read a broadcast at once', async () => {
    const world = await openWorld(tempDir());
    const agents = await registerAgents(
      world,
      Array.from({ length: 21 }, (_, n) => ({ name: `agent-${n}`, role: 'builder' })),
    );
    const messages = new MessageService(world.store, world.registry);
    await messages.start();
    const [sender, ...readers] = Object.values(agents) as Principal[];
    const sent = await messages.send(sender as Principal, {
      to: '*',
      subject: 'all hands',
      body: '',
    });
    const results = await Promise.allSettled(
      readers.flatMap((reader) => [
        messages.markRead(reader, sent.messageId),
        messages.acknowledge(reader, sent.messageId),
      ]),
    );
    expect(tally(results)).toEqual({ ok: 40 });
    const seen = messages.get(sender as Principal, sent.messageId);
    expect(Object.keys(seen.readBy)).toHaveLength(20);
    expect(Object.keys(seen.acknowledgedBy)).toHaveLength(20);
    expect(await messageEvents(world)).toBe(1 + 40);
    await messages.close();
    await world.close();
  });

  it('filters the inbox by unread, thread, importance, since and cursor', async () => {
    let now = Date.parse('2026-03-01T12:00:00.000Z');
    const world = await openWorld(tempDir());
    const agents = await registerAgents(world, [
      { name: 'alice', role: 'builder' },
      { name: 'bob', role: 'builder' },
    ]);
    const alice = agents.alice as Principal;
    const bob = agents.bob as Principal;
    const messages = new MessageService(world.store, world.registry, { clock: () => now });
    await messages.start();
    const first = await messages.send(alice, {
      to: 'bob',
      subject: 'one',
      body: '',
      importance: 'low',
    });
    now += 1000;
    await messages.send(alice, { to: 'bob', subject: 'two', body: '', importance: 'urgent' });
    now += 1000;
    const reply = await messages.send(bob, {
      to: 'alice',
      subject: 're: one',
      body: '',
      threadId: first.threadId,
    });
    now += 1000;
    await messages.send(alice, {
      to: 'bob',
      subject: 'three',
      body: '',
      threadId: first.threadId,
      importance: 'high',
    });
    await messages.markRead(bob, first.messageId);

    const subjects = (who: Principal, filter: Parameters<MessageService['inbox']>[1]) =>
      messages.inbox(who, filter).map((message) => message.subject);
    expect(subjects(bob, {})).toEqual(['three', 'two', 'one']);
    expect(subjects(bob, { unread: true })).toEqual(['three', 'two']);
    expect(subjects(bob, { threadId: first.threadId, box: 'all' })).toEqual([
      'three',
      're: one',
      'one',
    ]);
    expect(reply.threadId).toBe(first.messageId);
    expect(subjects(bob, { importance: ['urgent', 'high'] })).toEqual(['three', 'two']);
    expect(subjects(bob, { since: new Date(now - 1500).toISOString() })).toEqual(['three']);
    expect(subjects(bob, { since: now - 2000 })).toEqual(['three', 'two']);
    expect(subjects(bob, { limit: 2 })).toEqual(['three', 'two']);
    const page = messages.inbox(bob, { limit: 2 });
    expect(subjects(bob, { before: page[1]?.messageId })).toEqual(['one']);

    await refusal(
      Promise.resolve().then(() => messages.inbox(bob, { importance: ['loud'] })),
      'invalid_input',
    );
    await refusal(
      Promise.resolve().then(() => messages.inbox(bob, { since: 'yesterday' })),
      'invalid_input',
    );
    await refusal(
      Promise.resolve().then(() => messages.inbox(bob, { limit: 0 })),
      'invalid_input',
    );
    await world.close();
  });

  it('searches subjects and bodies of the messages the caller may see', async () => {
    const { world, messages, alice, bob, sam } = await setUp();
    await messages.send(alice, {
      to: 'bob',
      subject: 'Migration plan',
      body: 'Rename the Users table on Friday',
    });
    await messages.send(alice, {
      to: 'sam',
      subject: 'Security question',
      body: 'Is the users endpoint rate limited?',
    });
    await messages.send(sam, { to: 'bob', subject: 'Café', body: 'lunch at the café' });
    const found = (who: Principal, query: string, box?: 'inbox' | 'sent' | 'all') =>
      messages.inbox(who, { query, box }).map((message) => message.subject);
    expect(found(bob, 'users')).toEqual(['Migration plan']);
    expect(found(sam, 'users')).toEqual(['Security question']);
    expect(found(alice, 'users', 'sent')).toEqual(['Security question', 'Migration plan']);
    expect(found(alice, 'users')).toEqual([]);
    expect(found(bob, 'RENAME friday')).toEqual(['Migration plan']);
    expect(found(bob, 'rename lunch')).toEqual([]);
    expect(found(bob, 'cafe')).toEqual(['Café']);
    await world.close();
  });

  it('checks attachments, threads and addresses before writing anything', async () => {
    const { world, messages, alice, bob, sam } = await setUp();
    const blob = await world.store.putBlob(new TextEncoder().encode('diff --git a/x b/x'));
    const withAttachment = await messages.send(alice, {
      to: 'bob',
      subject: 'patch',
      body: 'see attached',
      attachments: [blob.hash],
    });
    expect(withAttachment.attachments).toEqual([blob.hash]);
    const before = await messageEvents(world);
    await refusal(
      messages.send(alice, { to: 'bob', subject: 'x', body: '', attachments: ['f'.repeat(64)] }),
      'attachment_not_found',
    );
    await refusal(
      messages.send(alice, { to: 'bob', subject: 'x', body: '', attachments: ['nope'] }),
      'invalid_input',
    );
    await refusal(
      messages.send(sam, { to: 'bob', subject: 'x', body: '', threadId: withAttachment.threadId }),
      'not_found',
    );
    await refusal(messages.send(alice, { to: 'nobody', subject: 'x', body: '' }), 'no_recipients');
    await refusal(
      messages.send(alice, { to: 'capability:cooking', subject: 'x', body: '' }),
      'no_recipients',
    );
    await refusal(
      messages.send(alice, { to: 'role:king', subject: 'x', body: '' }),
      'invalid_address',
    );
    await refusal(messages.send(alice, { to: 'bob', subject: '', body: '' }), 'invalid_input');
    expect(await messageEvents(world)).toBe(before);
    expect(messages.inbox(bob)).toHaveLength(1);
    await world.close();
  });

  it('rebuilds the same inboxes after a restart, from the log and from a snapshot', async () => {
    const dataDir = tempDir();
    const { world, messages, alice, bob, sam } = await setUp(dataDir);
    for (let n = 0; n < 30; n++) {
      const sent = await messages.send(n % 2 ? alice : sam, {
        to: n % 3 ? 'bob' : '*',
        subject: `note ${n}`,
        body: `body number ${n} ${n % 5 === 0 ? 'urgent words' : ''}`,
        importance: n % 4 ? 'normal' : 'high',
      });
      if (n % 3 === 0) await messages.acknowledge(bob, sent.messageId);
    }
    const views = () =>
      [alice, bob, sam].map((who) => [
        messages.inbox(who, { box: 'all', limit: 500 }),
        messages.inbox(who, { query: 'urgent words', limit: 500 }),
        messages.inbox(who, { unread: true, limit: 500 }),
      ]);
    const before = views();
    await messages.close();
    await world.close();

    for (const pass of ['from the snapshot saved on close', 'from the log alone']) {
      const reopened = await openWorld(dataDir);
      if (pass === 'from the log alone') {
        await reopened.store.saveSnapshot('coordination.messages', {
          position: 0,
          version: 0,
          state: null,
        });
      } else {
        expect((await reopened.store.loadSnapshot('coordination.messages'))?.version).toBe(1);
      }
      const again = new MessageService(reopened.store, reopened.registry);
      await again.start();
      const after = [alice, bob, sam].map((who) => [
        again.inbox(who, { box: 'all', limit: 500 }),
        again.inbox(who, { query: 'urgent words', limit: 500 }),
        again.inbox(who, { unread: true, limit: 500 }),
      ]);
      expect(after, pass).toEqual(before);
      await again.close();
      await reopened.close();
    }
  });
});
