import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/agents/principal.js';
import { openSqliteStore } from '../../../src/events/sqlite/sqlite-store.js';
import type { EventStore } from '../../../src/events/store.js';
import type { RecordedDecision } from '../../../src/guard/audit/events.js';
import { type DecisionEngine, GuardAudit } from '../../../src/guard/audit/service.js';
import type { Decision, ToolCall } from '../../../src/guard/types.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const TTL = 60_000;
const ADMIN: Principal = { agentId: 'admin', name: 'admin', role: 'admin' };
const BOB = { agentId: 'agent-bob', name: 'bob', role: 'builder' as const };

/** Denies `danger…` (locked when it says so), allows the rest. */
const engine: DecisionEngine = {
  decide(call: ToolCall): Decision {
    const command = (call.input as { command: string }).command;
    const denied = command.startsWith('danger');
    const locked = command.includes('locked');
    return {
      verdict: denied ? 'deny' : 'allow',
      decision: denied ? 'deny' : 'allow',
      matches: denied
        ? [
            {
              ruleId: 'test.danger',
              pack: 'test',
              decision: 'deny',
              reason: 'dangerous',
              locked,
              evidence: {},
            },
          ]
        : [],
      reason: denied ? 'Blocked: dangerous.' : 'Allowed.',
      normalized: { tool: call.tool, cwd: call.cwd, input: JSON.stringify({ command }) },
      policyVersion: 'v1',
      cached: false,
      durationMicros: 3,
    };
  },
};

async function openAudit(options: { engine?: DecisionEngine } = {}) {
  const store = await openSqliteStore({ dataDir: tempDir() });
  const clock = { now: Date.now() };
  const audit = await GuardAudit.open({
    store,
    engine: options.engine ?? engine,
    approvalKey: Buffer.alloc(32, 1),
    approvalTtlMs: TTL,
    now: () => clock.now,
  });
  const judge = (command: string, agent = BOB) =>
    audit.judge({
      call: { tool: 'Bash', input: { command }, cwd: '/work', agent, sessionId: 'session-1' },
      toolUseId: 'toolu_1',
    });
  return { store, audit, clock, judge, [Symbol.asyncDispose]: () => close(audit, store) };
}

async function close(audit: GuardAudit, store: EventStore) {
  await audit.close();
  await store.close();
}

function codeIn(reason: string): string {
  const code = /Approval code ([A-Z2-9]{6})/.exec(reason)?.[1];
  if (!code) throw new Error(`no approval code in: ${reason}`);
  return code;
}

describe('GuardAudit', () => {
  it('records each decision on the agent’s stream before answering', async () => {
    await using opened = await openAudit();
    const judgement = await opened.judge('ls');
    expect(judgement.verdict).toBe('allow');
    const { events } = await opened.store.readStream('$guard-calls-bob');
    expect(events.map((event) => event.data)).toEqual([judgement.recorded]);
    expect(events[0]?.metadata).toEqual({ agentId: 'agent-bob', correlationId: 'session-1' });
  });

  it('offers a code only for denials a human may override', async () => {
    await using opened = await openAudit();
    const open = await opened.judge('danger zone');
    expect(open.reason).toMatch(
      /Approval code [A-Z2-9]{6}: .* `lighthouse-bridge approve [A-Z2-9]{6}` within 1 minute/,
    );
    expect(open.recorded.approvalCode).toBe(codeIn(open.reason));
    const locked = await opened.judge('danger locked');
    expect(locked.reason).toBe('Blocked: dangerous.');
    expect(locked.recorded.approvalCode).toBeNull();
  });

  it('lets exactly one of several identical concurrent calls use an approval', async () => {
    await using opened = await openAudit();
    const code = codeIn((await opened.judge('danger now')).reason);
    await opened.audit.approve(code, ADMIN);
    const answers = await Promise.all(Array.from({ length: 8 }, () => opened.judge('danger now')));
    expect(answers.filter((answer) => answer.verdict === 'allow')).toHaveLength(1);
    const { events } = await opened.store.readStream(`$guard-approval-${code}`);
    expect(events.map((event) => event.type)).toEqual([
      'GuardApprovalGranted',
      'GuardApprovalConsumed',
    ]);
  });

  it('approving twice changes nothing; approving after use grants again', async () => {
    await using opened = await openAudit();
    const code = codeIn((await opened.judge('danger again')).reason);
    const first = await opened.audit.approve(code, ADMIN);
    expect(await opened.audit.approve(code, ADMIN)).toEqual(first);
    expect((await opened.judge('danger again')).verdict).toBe('allow');
    await opened.audit.approve(code, ADMIN);
    expect((await opened.judge('danger again')).verdict).toBe('allow');
    expect((await opened.judge('danger again')).verdict).toBe('deny');
  });

  it('finds offers and grants again after a restart', async () => {
    const dataDir = tempDir();
    const first = await openSqliteStore({ dataDir });
    const options = { engine, approvalKey: Buffer.alloc(32, 1), approvalTtlMs: TTL };
    const before = await GuardAudit.open({ ...options, store: first });
    const call = {
      tool: 'Bash',
      input: { command: 'danger' },
      cwd: '/w',
      agent: BOB,
      sessionId: 's',
    };
    const code = codeIn((await before.judge({ call, toolUseId: null })).reason);
    await close(before, first);
    const second = await openSqliteStore({ dataDir });
    const after = await GuardAudit.open({ ...options, store: second });
    await after.approve(code, ADMIN);
    expect((await after.judge({ call, toolUseId: null })).verdict).toBe('allow');
    expect(await after.decisionTotals()).toMatchObject({ decisions: 2, approvedOnce: 1 });
    await close(after, second);
  });

  it('denies when the engine throws, recording the failure', async () => {
    await using opened = await openAudit({
      engine: {
        decide() {
          throw new Error('no rules');
        },
      },
    });
    const judgement = await opened.judge('ls');
    expect(judgement.verdict).toBe('deny');
    expect(judgement.reason).toMatch(/could not judge this call: no rules/);
    const [event] = (await opened.store.readStream('$guard-calls-bob')).events;
    expect(event?.data).toMatchObject<Partial<RecordedDecision>>({
      verdict: 'deny',
      failure: 'the guard could not judge this call: no rules',
      input: { cwd: '/work', input: '{"command":"ls"}', commands: [] },
    });
  });

  it('denies when the store cannot record the decision', async () => {
    const opened = await openAudit();
    await opened.audit.close();
    await opened.store.close();
    const judgement = await opened.judge('ls');
    expect(judgement.verdict).toBe('deny');
    expect(judgement.reason).toMatch(
      /audit could not record this decision \(the event store is closed\)/,
    );
  });
});
