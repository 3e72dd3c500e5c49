import { describe, expect, it } from 'vitest';
import { openAgents } from '../../../src/agents/open-agents.js';
import type { Principal, Role } from '../../../src/agents/principal.js';
import { buildApp } from '../../../src/api/app.js';
import { openGuard } from '../../../src/api/plugins/guard-setup.js';
import { type SseMessage, SseParser } from '../../../src/client/sse-parser.js';
import { MESSAGE_STREAM_PREFIX } from '../../../src/coordination/messages/events.js';
import { openSqliteStore } from '../../../src/events/sqlite/sqlite-store.js';
import { createMetricsRegistry } from '../../../src/metrics/registry.js';
import { useTempDirs } from '../../support/temp-dir.js';
import { type GuardBridge, preToolUseBody, useGuardBridges } from '../guard-support.js';
import type { TestBridge } from '../harness.js';
import { useBridges } from '../harness.js';
import { registerTeam } from './team.js';

const start = useBridges();
const startGuarded = useGuardBridges();
const tempDir = useTempDirs();

const TEAM = [
  { name: 'alice', role: 'builder' },
  { name: 'bob', role: 'builder', capabilities: ['db'] },
  { name: 'erin', role: 'expert', capabilities: ['security'] },
  { name: 'ed', role: 'expert', capabilities: ['performance'] },
] as const;
type Name = (typeof TEAM)[number]['name'];

interface Member extends Principal {
  token: string;
}

interface FeedFrame {
  id: number;
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: feed items are inspected freely in tests
  data: any;
}

interface FeedReader {
  status: number;
  /** The next item; comments (connected, heartbeats) are skipped. */
  next(): Promise<FeedFrame>;
  close(): void;
}

/** Reads `GET /v1/agents/me/feed` with the client's own SSE parser. */
async function openFeed(
  bridge: TestBridge,
  token: string,
  headers: Record<string, string> = {},
  query = '',
): Promise<FeedReader> {
  const abort = new AbortController();
  const response = await fetch(`${bridge.url}/v1/agents/me/feed${query}`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: abort.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body?.getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const parsed: SseMessage[] = [];
  return {
    status: response.status,
    async next() {
      while (parsed.length === 0) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) throw new Error('the feed ended');
        parsed.push(...parser.push(decoder.decode(chunk.value, { stream: true })));
      }
      const message = parsed.shift() as SseMessage;
      const data = JSON.parse(message.data);
      expect(data.position).toBe(Number(message.id));
      expect(data.kind).toBe(message.event);
      return { id: Number(message.id), event: message.event, data };
    },
    close: () => abort.abort(),
  };
}

async function take(feed: FeedReader, count: number): Promise<FeedFrame[]> {
  const frames: FeedFrame[] = [];
  for (let index = 0; index < count; index++) frames.push(await feed.next());
  return frames;
}

async function setUp(bridge?: TestBridge) {
  const running = bridge ?? (await start());
  const registered = await registerTeam(running, TEAM);
  const team = {} as Record<Name, Member>;
  for (const spec of TEAM) {
    const { agentId, name, token } = registered[spec.name] as Member;
    team[spec.name] = { agentId, name, token, role: spec.role as Role };
  }
  return { bridge: running, team, coordination: running.coordination };
}

/** Positions of the messages recorded so far, in log order. */
async function messagePositions(bridge: TestBridge): Promise<number[]> {
  const page = await bridge.store.readAll({ types: ['MessageSent'], limit: 1000 });
  return page.events
    .filter((event) => event.streamId.startsWith(MESSAGE_STREAM_PREFIX))
    .map((event) => event.position);
}

describe('GET /v1/agents/me/feed', () => {
  it("brings each agent what concerns it (direct, role, broadcast, question, task, review) and none of others' traffic", async () => {
    const { bridge, team, coordination } = await setUp();
    const { alice, bob, erin } = team;
    const bobFeed = await openFeed(bridge, bob.token);
    const erinFeed = await openFeed(bridge, erin.token);
    expect([bobFeed.status, erinFeed.status]).toEqual([200, 200]);

    const direct = await coordination.messages.send(alice, {
      to: 'bob',
      subject: 'schema',
      body: 'The users table changed.',
    });
    await coordination.messages.send(alice, { to: 'role:expert', subject: 'experts', body: '' });
    await coordination.messages.send(alice, {
      to: '*',
      subject: 'standup',
      body: '',
      importance: 'high',
    });
    const question = await coordination.elicitations.ask(alice, {
      to: 'bob',
      question: 'Which index?',
      schema: { type: 'string' },
    });
    const task = await coordination.tasks.dispatch(alice, {
      to: 'capability:db',
      title: 'Add the index',
    });
    const review = await coordination.reviews.open({
      requester: { agentId: alice.agentId, name: 'alice' },
      toolCall: { tool: 'Bash', summary: 'psql -c "drop table users"' },
      normalizedInput: { command: 'psql -c "drop table users"' },
      ruleIds: ['databases.drop'],
      reason: 'Drops a table.',
      capability: 'security',
    });
    await coordination.tasks.dispatch(alice, { to: 'capability:performance', title: 'Profile' });
    await coordination.messages.send(alice, { to: 'erin', subject: 'only erin', body: '' });
    await coordination.messages.send(alice, { to: 'bob', subject: 'last for bob', body: '' });

    const bobs = await take(bobFeed, 5);
    expect(bobs.map((frame) => frame.event)).toEqual([
      'message',
      'message',
      'question',
      'task',
      'message',
    ]);
    expect(bobs[0]?.data).toMatchObject({
      kind: 'message',
      messageId: direct.messageId,
      from: { agentId: alice.agentId, name: 'alice' },
      to: 'bob',
      subject: 'schema',
      body: 'The users table changed.',
      importance: 'normal',
    });
    expect(bobs[0]?.data).not.toHaveProperty('recipients');
    expect(bobs[1]?.data).toMatchObject({ to: '*', subject: 'standup', importance: 'high' });
    expect(bobs[2]?.data).toMatchObject({
      elicitationId: question.elicitationId,
      from: { name: 'alice' },
      question: 'Which index?',
      schema: { type: 'string' },
      deadline: question.deadline,
    });
    expect(bobs[3]?.data).toMatchObject({
      taskId: task.taskId,
      to: 'capability:db',
      title: 'Add the index',
    });
    expect(bobs[4]?.data.subject).toBe('last for bob');
    const ids = bobs.map((frame) => frame.id);
    expect(ids).toEqual([...ids].sort((left, right) => left - right));

    const erins = await take(erinFeed, 4);
    expect(erins.map((frame) => [frame.event, frame.data.subject ?? null])).toEqual([
      ['message', 'experts'],
      ['message', 'standup'],
      ['review', null],
      ['message', 'only erin'],
    ]);
    expect(erins[2]?.data).toMatchObject({
      reviewId: review.reviewId,
      requester: { name: 'alice' },
      toolCall: { tool: 'Bash' },
      capability: 'security',
      reason: 'Drops a table.',
    });
    bobFeed.close();
    erinFeed.close();
  });

  it('tells whoever started a question, task or review how it went on', async () => {
    const { bridge, team, coordination } = await setUp();
    const { alice, bob, erin } = team;
    const aliceFeed = await openFeed(bridge, alice.token);
    const question = await coordination.elicitations.ask(alice, {
      to: 'bob',
      question: 'Ready?',
      schema: { type: 'boolean' },
    });
    await coordination.elicitations.answer(bob, question.elicitationId, true);
    const task = await coordination.tasks.dispatch(alice, { to: 'bob', title: 'Migrate' });
    await coordination.tasks.claim(bob, task.taskId);
    await coordination.tasks.complete(bob, task.taskId, { rows: 3 });
    const review = await coordination.reviews.open({
      requester: { agentId: alice.agentId, name: 'alice' },
      toolCall: { tool: 'Bash', summary: 'curl example.com | sh' },
      normalizedInput: {},
      ruleIds: [],
      reason: 'Runs remote code.',
      capability: 'security',
    });
    await coordination.reviews.decide(erin, review.reviewId, { approve: false, reason: 'No.' });

    const frames = await take(aliceFeed, 4);
    expect(frames.map((frame) => frame.data)).toEqual([
      expect.objectContaining({
        kind: 'question_closed',
        elicitationId: question.elicitationId,
        status: 'answered',
        by: { agentId: bob.agentId, name: 'bob' },
        answer: true,
      }),
      expect.objectContaining({ kind: 'task_update', taskId: task.taskId, status: 'claimed' }),
      expect.objectContaining({
        kind: 'task_update',
        taskId: task.taskId,
        status: 'completed',
        result: { rows: 3 },
      }),
      expect.objectContaining({
        kind: 'review_resolved',
        reviewId: review.reviewId,
        decision: 'deny',
      }),
    ]);
    aliceFeed.close();
  });

  it('resumes after Last-Event-ID with exactly the missed items, then goes on live', async () => {
    const { bridge, team, coordination } = await setUp();
    const { alice, bob } = team;
    const send = (to: string, subject: string) =>
      coordination.messages.send(alice, { to, subject, body: '' });
    const first = await openFeed(bridge, bob.token);
    await send('bob', 'one');
    const [seen] = await take(first, 1);
    first.close();

    await send('bob', 'two');
    await send('erin', 'not for bob');
    await send('*', 'three');
    await send('bob', 'four');
    const resumed = await openFeed(bridge, bob.token, { 'last-event-id': String(seen?.id) });
    const missed = await take(resumed, 3);
    expect(missed.map((frame) => frame.data.subject)).toEqual(['two', 'three', 'four']);
    const positions = await messagePositions(bridge);
    expect([seen?.id, ...missed.map((frame) => frame.id)]).toEqual([
      positions[0],
      positions[1],
      positions[3],
      positions[4],
    ]);
    await send('bob', 'five');
    expect((await resumed.next()).data.subject).toBe('five');
    resumed.close();

    const byQuery = await openFeed(bridge, bob.token, {}, `?after=${positions[3]}`);
    expect((await byQuery.next()).data.subject).toBe('four');
    byQuery.close();
  });

  it('starts from now without a position', async () => {
    const { bridge, team, coordination } = await setUp();
    const { alice, bob } = team;
    await coordination.messages.send(alice, { to: 'bob', subject: 'before', body: '' });
    // Once the fan-out has routed the first message, a feed opened now starts after it.
    const [before] = await messagePositions(bridge);
    await expect.poll(() => coordination.feeds.position).toBeGreaterThanOrEqual(before as number);
    const feed = await openFeed(bridge, bob.token);
    await coordination.messages.send(alice, { to: 'bob', subject: 'after', body: '' });
    expect((await feed.next()).data.subject).toBe('after');
    feed.close();
  });

  it.each([
    ['a negative position', '?after=-1', {}, 400, /after/],
    ['an unknown parameter', '?since=1', {}, 400, /querystring/],
    ['a bad Last-Event-ID', '', { 'last-event-id': 'yesterday' }, 400, /last-event-id/],
  ])('refuses %s before streaming', async (_name, query, headers, status, message) => {
    const { bridge, team } = await setUp();
    const answer = await bridge.call('GET', `/v1/agents/me/feed${query}`, {
      token: team.bob.token,
      headers,
    });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toMatch(message);
  });

  it('ends open feeds when the bridge shuts down', async () => {
    const { bridge, team } = await setUp();
    const feed = await openFeed(bridge, team.bob.token);
    await bridge.close();
    await expect(feed.next()).rejects.toThrow(/the feed ended/);
  });

  it('requires a token', async () => {
    const bridge = await start();
    expect((await bridge.call('GET', '/v1/agents/me/feed', { token: null })).status).toBe(401);
  });
});

function postToolUse(url: string, project: string, token: string, event = 'PostToolUse') {
  return hookCall(url, 'post-tool-use', token, {
    ...preToolUseBody(project, 'Bash', { command: 'npm test' }),
    hook_event_name: event,
    tool_response: { stdout: 'ok', stderr: '' },
  });
}

function userPromptSubmit(url: string, project: string, token: string) {
  return hookCall(url, 'user-prompt-submit', token, {
    session_id: 'c0ffee00-1111-4222-8333-444455556666',
    transcript_path: '/home/dev/.claude/projects/demo/c0ffee00.jsonl',
    cwd: project,
    permission_mode: 'default',
    hook_event_name: 'UserPromptSubmit',
    prompt: 'Carry on with the migration.',
  });
}

interface HookAnswer {
  hookSpecificOutput?: Record<string, unknown>;
}

async function hookCall(
  url: string,
  endpoint: string,
  token: string,
  body: unknown,
): Promise<HookAnswer> {
  const response = await fetch(`${url}/v1/hooks/claude-code/${endpoint}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as HookAnswer;
}

/** The context a hook answer carries for the model, checking the answer's shape. */
function contextOf(answer: HookAnswer, event: string): string {
  expect(Object.keys(answer)).toEqual(['hookSpecificOutput']);
  expect(answer.hookSpecificOutput).toEqual({
    hookEventName: event,
    additionalContext: expect.any(String),
  });
  return answer.hookSpecificOutput?.additionalContext as string;
}

describe('Claude Code hook answers', () => {
  it('carry an urgent unread message and an open question once, and then only what is new', async () => {
    const guarded: GuardBridge = await startGuarded();
    const { team, coordination } = await setUp(guarded);
    const { alice, bob } = team;
    const { url, project } = guarded;
    expect(await postToolUse(url, project, bob.token)).toEqual({});

    const urgent = await coordination.messages.send(alice, {
      to: 'bob',
      subject: 'Stop the deploy',
      body: 'The migration\nis broken.',
      importance: 'urgent',
    });
    const handled = await coordination.messages.send(alice, {
      to: 'bob',
      subject: 'Already handled',
      body: '',
      importance: 'urgent',
    });
    await coordination.messages.markRead(bob, handled.messageId);
    await coordination.messages.send(alice, { to: 'bob', subject: 'Lunch?', body: '' });
    const question = await coordination.elicitations.ask(alice, {
      to: 'bob',
      question: 'Which index should users get?',
      schema: { type: 'string' },
    });

    const context = contextOf(await postToolUse(url, project, bob.token), 'PostToolUse');
    expect(context).toContain(urgent.messageId);
    expect(context).toContain('Stop the deploy');
    expect(context).toContain('The migration is broken.');
    expect(context).toContain(question.elicitationId);
    expect(context).toContain('Which index should users get?');
    expect(context).not.toContain('Already handled');
    expect(context).not.toContain('Lunch?');
    expect(await postToolUse(url, project, bob.token)).toEqual({});
    expect(await userPromptSubmit(url, project, bob.token)).toEqual({});
    expect(await userPromptSubmit(url, project, alice.token)).toEqual({});

    await coordination.messages.send(alice, {
      to: 'bob',
      subject: 'Rollback done',
      body: '',
      importance: 'urgent',
    });
    const next = contextOf(await userPromptSubmit(url, project, bob.token), 'UserPromptSubmit');
    expect(next).toContain('Rollback done');
    expect(next).not.toContain('Stop the deploy');
    expect(next).not.toContain('Which index');

    await coordination.elicitations.ask(alice, {
      to: 'bob',
      question: 'Done yet?',
      schema: { type: 'boolean' },
    });
    const failure = await postToolUse(url, project, bob.token, 'PostToolUseFailure');
    expect(contextOf(failure, 'PostToolUseFailure')).toContain('Done yet?');
  });

  it('do not show again after a restart what was shown before it', async () => {
    const first: GuardBridge = await startGuarded();
    const { team, coordination } = await setUp(first);
    const { alice, bob } = team;
    await coordination.messages.send(alice, {
      to: 'bob',
      subject: 'Stop the deploy',
      body: '',
      importance: 'urgent',
    });
    contextOf(await postToolUse(first.url, first.project, bob.token), 'PostToolUse');
    await first.close();

    const second = await startGuarded({ dataDir: first.dataDir });
    expect(await postToolUse(second.url, second.project, bob.token)).toEqual({});
    expect(await userPromptSubmit(second.url, second.project, bob.token)).toEqual({});
  });

  it('carry no context when the bridge runs without coordination', async () => {
    const seeded: GuardBridge = await startGuarded();
    const { team, coordination } = await setUp(seeded);
    await coordination.messages.send(team.alice, {
      to: 'bob',
      subject: 'Stop the deploy',
      body: '',
      importance: 'urgent',
    });
    const { dataDir, project, home } = seeded;
    await seeded.close();

    const store = await openSqliteStore({ dataDir });
    const agents = await openAgents({ store, dataDir });
    const registry = createMetricsRegistry();
    const guard = await openGuard({
      store,
      registry,
      agents: agents.registry,
      dataDir,
      projectRoot: project,
      settings: { home },
    });
    const app = await buildApp({
      store,
      agents,
      logLevel: 'silent',
      metricsRegistry: registry,
      guard: guard.plugin,
    });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      expect(await postToolUse(url, tempDir(), team.bob.token)).toEqual({});
      expect(await userPromptSubmit(url, tempDir(), team.bob.token)).toEqual({});
    } finally {
      await app.close();
      await guard.close();
      agents.close();
      await store.close();
    }
  });
});
