import { describe, expect, it } from 'vitest';
import { CLIENT_SETUPS } from './clients.js';
import { useMcpTeam } from './team.js';

describe.each(CLIENT_SETUPS)('MCP resources, $label', (setup) => {
  const team = useMcpTeam();

  it('lists and reads the directory, the inbox, threads, tasks and recent events as the caller', async () => {
    const mcpTeam = await team();
    const { coordination } = mcpTeam.bridge;
    const builder = mcpTeam.principal('builder-2');
    const message = await coordination.messages.send(builder, {
      to: 'expert-1',
      subject: 'lease question',
      body: 'who holds src/api?',
    });
    const task = await coordination.tasks.dispatch(builder, { to: 'expert-1', title: 'Audit' });
    const client = await mcpTeam.connect(setup);

    const listed = (await client.listResources()).map((resource) => resource.uri).sort();
    expect(listed).toEqual(
      [
        'lighthouse://agents',
        'lighthouse://agents/expert-1/inbox',
        'lighthouse://events/recent',
        `lighthouse://tasks/${task.taskId}`,
        `lighthouse://threads/${message.threadId}`,
      ].sort(),
    );

    const directory = await client.readJson('lighthouse://agents');
    expect(directory.agents.map((agent: { name: string }) => agent.name).sort()).toEqual([
      'builder-2',
      'expert-1',
      'observer-3',
    ]);
    const inbox = await client.readJson('lighthouse://agents/expert-1/inbox');
    expect(inbox.messages.map((item: { messageId: string }) => item.messageId)).toEqual([
      message.messageId,
    ]);
    const thread = await client.readJson(`lighthouse://threads/${message.threadId}`);
    expect(thread.messages.map((item: { subject: string }) => item.subject)).toEqual([
      'lease question',
    ]);
    const read = await client.readJson(`lighthouse://tasks/${task.taskId}`);
    expect(read.task).toMatchObject({ taskId: task.taskId, status: 'open' });
    const recent = await client.readJson('lighthouse://events/recent');
    expect(recent.events[0].type).toBe('TaskDispatched');

    await expect(client.readJson('lighthouse://agents/builder-2/inbox')).rejects.toThrow(
      /only your own inbox/,
    );
    await expect(
      client.readJson('lighthouse://tasks/01a2aaaa-0000-7000-8000-000000000000'),
    ).rejects.toThrow();
  });

  it('tells a client following its inbox of a new message, without polling', async () => {
    const mcpTeam = await team();
    const client = await mcpTeam.connect(setup);
    const inbox = 'lighthouse://agents/expert-1/inbox';
    await client.follow(inbox);
    const updated = client.nextUpdate(inbox);
    const sent = await mcpTeam.bridge.coordination.messages.send(mcpTeam.principal('builder-2'), {
      to: 'expert-1',
      subject: 'ping',
      body: 'new work',
    });
    await updated;
    const read = await client.readJson(inbox);
    expect(read.messages[0].messageId).toBe(sent.messageId);
  });
});
