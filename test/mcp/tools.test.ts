import { describe, expect, it } from 'vitest';
import { CLIENT_SETUPS, type TestClient, type ToolResult } from './clients.js';
import { type McpTeam, useMcpTeam } from './team.js';

const EVERY_TOOL = [
  'bridge_status',
  'guard_check',
  'guard_explain',
  'send_message',
  'read_inbox',
  'acknowledge_messages',
  'ask_question',
  'wait_for_answer',
  'answer_question',
  'list_questions',
  'list_tasks',
  'claim_task',
  'complete_task',
  'list_reviews',
  'decide_review',
  'lease_files',
  'release_lease',
  'list_agents',
  'query_events',
];

/** Calls a tool that must succeed, and notes that it was called. */
function caller(client: TestClient, called: Set<string>) {
  return async (name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool(name, args);
    expect(result.isError, `${name}: ${result.content[0]?.text}`).not.toBe(true);
    expect(JSON.parse(result.content[0]?.text ?? '')).toEqual(result.structuredContent);
    called.add(name);
    return result.structuredContent;
  };
}

/** Every tool, called by the client as expert-1, with the rest of the team acting directly. */
async function callEveryTool(team: McpTeam, client: TestClient): Promise<Set<string>> {
  const called = new Set<string>();
  const call = caller(client, called);
  const { coordination } = team.bridge;
  const builder = team.principal('builder-2');

  const status = await call('bridge_status');
  expect(status.you).toMatchObject({
    name: 'expert-1',
    role: 'expert',
    capabilities: ['security'],
  });

  expect((await call('guard_check', { command: 'git push --force origin main' })).verdict).toBe(
    'deny',
  );
  const explained = await call('guard_explain', { command: 'rm -rf /' });
  expect(explained.verdict).toBe('deny');
  expect(explained.matches.length).toBeGreaterThan(0);

  const sent = await call('send_message', { to: 'builder-2', subject: 'hello', body: 'from MCP' });
  expect(sent.message).toMatchObject({ from: { name: 'expert-1' }, to: 'builder-2' });
  const incoming = await coordination.messages.send(builder, {
    to: 'expert-1',
    subject: 'please review',
    body: 'the lease code',
    ackRequired: true,
  });
  const inbox = await call('read_inbox', { unread: true });
  expect(inbox.messages.map((message: { messageId: string }) => message.messageId)).toEqual([
    incoming.messageId,
  ]);
  const acknowledged = await call('acknowledge_messages', { messageIds: [incoming.messageId] });
  expect(acknowledged.messages[0]).toMatchObject({ acknowledged: true, read: true });

  const asked = await call('ask_question', {
    to: 'builder-2',
    question: 'Ready to merge?',
    schema: { type: 'boolean' },
    waitSeconds: 0,
  });
  expect(asked.question.status).toBe('open');
  await coordination.elicitations.answer(builder, asked.question.elicitationId, true);
  const answered = await call('wait_for_answer', { questionId: asked.question.elicitationId });
  expect(answered.question).toMatchObject({ status: 'answered', answer: true });

  const question = await coordination.elicitations.ask(builder, {
    to: 'expert-1',
    question: 'Is the token check constant-time?',
    schema: { type: 'object', properties: { safe: { type: 'boolean' } }, required: ['safe'] },
  });
  const open = await call('list_questions');
  expect(open.questions.map((item: { elicitationId: string }) => item.elicitationId)).toEqual([
    question.elicitationId,
  ]);
  const answer = await call('answer_question', {
    questionId: question.elicitationId,
    answer: { safe: true },
  });
  expect(answer.question).toMatchObject({ status: 'answered', closedBy: { name: 'expert-1' } });

  const task = await coordination.tasks.dispatch(builder, { to: 'expert-1', title: 'Audit auth' });
  const tasks = await call('list_tasks');
  expect(tasks.tasks.map((item: { taskId: string }) => item.taskId)).toEqual([task.taskId]);
  expect((await call('claim_task', { taskId: task.taskId })).task.status).toBe('claimed');
  const completed = await call('complete_task', { taskId: task.taskId, result: { findings: 0 } });
  expect(completed.task).toMatchObject({ status: 'completed', result: { findings: 0 } });

  const review = await coordination.reviews.open({
    requester: { agentId: builder.agentId, name: builder.name },
    toolCall: { tool: 'Bash', summary: 'terraform apply' },
    normalizedInput: { command: 'terraform apply' },
    ruleIds: ['infrastructure.apply'],
    reason: 'changes production',
    capability: 'security',
  });
  const reviews = await call('list_reviews');
  expect(reviews.reviews.map((item: { reviewId: string }) => item.reviewId)).toEqual([
    review.reviewId,
  ]);
  const decided = await call('decide_review', {
    reviewId: review.reviewId,
    approve: true,
    reason: 'planned change',
  });
  expect(decided.review).toMatchObject({ status: 'resolved', outcome: { decision: 'allow' } });

  const leased = await call('lease_files', { paths: ['src/auth/**'], reason: 'audit' });
  expect(leased.lease).toMatchObject({ holder: { name: 'expert-1' }, paths: ['src/auth/**'] });
  expect(await call('release_lease', { leaseId: leased.lease.leaseId })).toEqual({
    leaseId: leased.lease.leaseId,
    released: true,
  });

  const agents = await call('list_agents', { role: 'builder' });
  expect(agents.agents.map((agent: { name: string }) => agent.name)).toEqual(['builder-2']);

  const events = await call('query_events', { types: ['MessageSent'], agent: 'expert-1' });
  expect(
    events.events.map((event: { data: { messageId: string } }) => event.data.messageId),
  ).toEqual([sent.message.messageId]);
  return called;
}

/** A tool error must name what was wrong; `named` is found in its text. */
const BAD_CALLS: { why: string; tool: string; args: Record<string, unknown>; named: string }[] = [
  { why: 'a wrong type', tool: 'read_inbox', args: { limit: 'ten' }, named: 'limit' },
  {
    why: 'a value out of range',
    tool: 'send_message',
    args: { to: 'builder-2', subject: '', body: 'x' },
    named: 'subject',
  },
  { why: 'a missing argument', tool: 'claim_task', args: {}, named: 'taskId' },
  {
    why: 'an argument claiming another sender',
    tool: 'send_message',
    args: { to: 'builder-2', subject: 's', body: 'b', from: 'builder-2' },
    named: 'from',
  },
  {
    why: 'an address the bridge refuses',
    tool: 'send_message',
    args: { to: 'role:king', subject: 's', body: 'b' },
    named: 'role:king',
  },
  {
    why: 'an id of nothing',
    tool: 'claim_task',
    args: { taskId: '01a2aaaa-0000-7000-8000-000000000000' },
    named: '01a2aaaa-0000-7000-8000-000000000000',
  },
  {
    why: 'a relative directory',
    tool: 'guard_check',
    args: { command: 'ls', cwd: 'src' },
    named: 'cwd',
  },
];

describe.each(CLIENT_SETUPS)('MCP tools, $label', (setup) => {
  const team = useMcpTeam();

  it(`negotiates ${setup.revision} and lists every tool with its schemas and annotations`, async () => {
    const client = await (await team()).connect(setup);
    expect(client.protocolVersion).toBe(setup.revision);
    const tools = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...EVERY_TOOL].sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type, tool.name).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: expect.any(Boolean),
        destructiveHint: expect.any(Boolean),
        idempotentHint: expect.any(Boolean),
      });
    }
    const annotated = Object.fromEntries(tools.map((tool) => [tool.name, tool.annotations]));
    expect(annotated.read_inbox).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(annotated.send_message).toMatchObject({ readOnlyHint: false, idempotentHint: false });
    expect(annotated.complete_task).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  it('calls every tool, acting as the agent of its token', async () => {
    const mcpTeam = await team();
    const client = await mcpTeam.connect(setup);
    const called = await callEveryTool(mcpTeam, client);
    expect([...called].sort()).toEqual([...EVERY_TOOL].sort());
  });

  it('answers bad arguments with a tool error naming them, and changes nothing', async () => {
    const mcpTeam = await team();
    const client = await mcpTeam.connect(setup);
    const head = await mcpTeam.bridge.head();
    for (const bad of BAD_CALLS) {
      const result: ToolResult = await client.callTool(bad.tool, bad.args);
      expect(result.isError, bad.why).toBe(true);
      expect(result.content[0]?.text, bad.why).toContain(bad.named);
    }
    // Tool calls are heartbeats: an agent coming online is the one thing they may record.
    const written = await mcpTeam.bridge.store.readAll({ after: head });
    expect(written.events.map((event) => event.type)).toEqual(
      written.events.length === 0 ? [] : ['PresenceChanged'],
    );
  });
});

describe('MCP tools by role', () => {
  const team = useMcpTeam();

  it('offers an observer only the tools that read', async () => {
    const client = await (await team()).connect(CLIENT_SETUPS[0] as never, 'observer-3');
    const tools = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    expect(tools.map((tool) => tool.name)).not.toContain('send_message');
  });
});
