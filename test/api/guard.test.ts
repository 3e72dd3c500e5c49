import { describe, expect, it } from 'vitest';
import type { RecordedDecision } from '../../src/guard/audit/events.js';
import { DEFAULT_APPROVAL_TTL_MS } from '../../src/guard/audit/service.js';
import { type GuardBridge, useGuardBridges } from './guard-support.js';
import type { Answer } from './harness.js';

const start = useGuardBridges();

const HARD_RESET = { command: 'git reset --hard HEAD~1' };
const CODE = /Approval code ([A-Z2-9]{6})/;

function reasonOf(answer: Answer): string {
  return answer.body.hookSpecificOutput.permissionDecisionReason;
}

function verdictOf(answer: Answer): string {
  return answer.body.hookSpecificOutput.permissionDecision;
}

/** Three agents' calls: bob allowed and denied, alice asked, each in its own session. */
async function recordSomeDecisions(bridge: GuardBridge) {
  const bob = await bridge.tokenFor('bob', 'builder');
  const alice = await bridge.tokenFor('alice', 'builder');
  await bridge.preToolUse(bob, 'Bash', { command: 'ls' }, { session_id: 'session-b' });
  await bridge.preToolUse(bob, 'Bash', HARD_RESET, { session_id: 'session-b' });
  await bridge.preToolUse(
    bob,
    'Read',
    { file_path: `${bridge.project}/src/a.ts` },
    { session_id: 'session-b' },
  );
  await bridge.preToolUse(
    alice,
    'Bash',
    { command: 'git stash drop' },
    { session_id: 'session-a' },
  );
  return { bob, alice };
}

describe('GET /v1/guard/decisions', () => {
  it.each([
    ['', 4],
    ['?agent=bob', 3],
    ['?agent=alice', 1],
    ['?session=session-a', 1],
    ['?verdict=deny', 1],
    ['?verdict=allow', 2],
    ['?tool=Read', 1],
    ['?rule=git.reset-hard', 1],
    ['?agent=bob&verdict=ask', 0],
  ])('lists decisions%s', async (query, count) => {
    const bridge = await start();
    await recordSomeDecisions(bridge);
    const observer = await bridge.tokenFor('olga', 'observer');
    const answer = await bridge.call('GET', `/v1/guard/decisions${query}`, { token: observer });
    expect(answer.status).toBe(200);
    expect(answer.body.decisions).toHaveLength(count);
    expect(answer.body.next).toBeNull();
  });

  it('pages with a cursor like /v1/events, filters applied across pages', async () => {
    const bridge = await start();
    await recordSomeDecisions(bridge);
    const seen: string[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page: Answer = await bridge.call(
        'GET',
        `/v1/guard/decisions?agent=bob&limit=1&after=${after}`,
      );
      seen.push(...page.body.decisions.map((decision: { tool: string }) => decision.tool));
      after = page.body.next;
    }
    expect(seen).toEqual(['Bash', 'Bash', 'Read']);
    const newest = await bridge.call('GET', '/v1/guard/decisions?direction=backwards&limit=1');
    expect(newest.body.decisions[0]).toMatchObject({ agent: 'alice', verdict: 'ask' });
  });

  it('refuses an unknown agent and bad filters', async () => {
    const bridge = await start();
    expect((await bridge.call('GET', '/v1/guard/decisions?agent=nobody')).status).toBe(404);
    const bad = await bridge.call('GET', '/v1/guard/decisions?verdict=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/querystring\/verdict must be one of/);
  });
});

describe('GET /v1/guard/stats and /metrics', () => {
  it('counts decisions by verdict, with rolling percentiles, the SLA share and cache hits', async () => {
    const bridge = await start();
    const { bob } = await recordSomeDecisions(bridge);
    await bridge.preToolUse(bob, 'Bash', { command: 'ls' }, { session_id: 'session-b' });
    const observer = await bridge.tokenFor('olga', 'observer');
    const stats = await bridge.call('GET', '/v1/guard/stats', { token: observer });
    expect(stats.status).toBe(200);
    expect(stats.body.decisions).toEqual({
      total: 5,
      byVerdict: { allow: 3, ask: 1, deny: 1 },
      cached: 1,
      approvedOnce: 0,
      failures: 0,
    });
    expect(stats.body.cacheHitRatio).toBeCloseTo(0.2);
    expect(stats.body.sla).toMatchObject({ targetMs: 100, samples: 5 });
    for (const key of ['p50Ms', 'p95Ms', 'p99Ms']) expect(stats.body.sla[key]).toBeGreaterThan(0);
    expect(stats.body.sla.withinTarget).toBeGreaterThan(0);
    expect(stats.body.policy.version).toEqual(expect.any(String));
    expect(stats.body.policy.reload).toMatchObject({
      version: stats.body.policy.version,
      error: null,
    });

    const metrics = await bridge.call('GET', '/metrics', { token: null });
    expect(metrics.body).toMatch(/guard_decision_seconds_count\{verdict="allow"\} 3/);
    expect(metrics.body).toMatch(/guard_decision_seconds_bucket\{le="0.1",verdict="deny"\} 1/);
    expect(metrics.body).toMatch(/guard_decision_rolling_seconds\{quantile="0.99"\} \d/);
    expect(metrics.body).toMatch(/guard_decision_within_target_ratio \d/);
    expect(metrics.body).toMatch(/guard_decision_target_seconds 0.1/);
    expect(metrics.body).toMatch(/guard_decision_cache_hits_total 1/);
  });

  it('keeps its lifetime counts across a restart', async () => {
    const bridge = await start();
    await recordSomeDecisions(bridge);
    const { dataDir } = bridge;
    await bridge.close();
    const again = await start({ dataDir });
    const stats = await again.call('GET', '/v1/guard/stats');
    expect(stats.body.decisions.total).toBe(4);
    expect(stats.body.sla.samples).toBe(0);
  });
});

describe('allow once', () => {
  async function deniedWithCode(bridge: GuardBridge, token: string) {
    const denied = await bridge.preToolUse(token, 'Bash', HARD_RESET);
    expect(verdictOf(denied)).toBe('deny');
    const code = CODE.exec(reasonOf(denied))?.[1];
    expect(code).toBeDefined();
    expect(reasonOf(denied)).toContain(`lighthouse-bridge approve ${code}`);
    return code as string;
  }

  it('denies, is approved by an admin, allows the same call once, then denies again', async () => {
    const bridge = await start();
    const bob = await bridge.tokenFor('bob', 'builder');
    const code = await deniedWithCode(bridge, bob);

    const approved = await bridge.call('POST', '/v1/guard/approvals', {
      body: { code: code.toLowerCase() },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ code, agent: 'bob', tool: 'Bash', approvedBy: 'admin' });
    expect(approved.body.summary).toContain('git reset --hard');
    expect(Date.parse(approved.body.expiresAt) - Date.parse(approved.body.grantedAt)).toBe(
      DEFAULT_APPROVAL_TTL_MS,
    );

    const allowed = await bridge.preToolUse(bob, 'Bash', HARD_RESET);
    expect(verdictOf(allowed)).toBe('allow');
    expect(reasonOf(allowed)).toMatch(new RegExp(`admin approved code ${code}`));

    const again = await bridge.preToolUse(bob, 'Bash', HARD_RESET);
    expect(verdictOf(again)).toBe('deny');
    expect(CODE.exec(reasonOf(again))?.[1]).toBe(code);

    const approvals = await bridge.store.readStream(`$guard-approval-${code}`);
    expect(approvals.events.map((event) => event.type)).toEqual([
      'GuardApprovalGranted',
      'GuardApprovalConsumed',
    ]);
    const decisions = (await bridge.calls('bob')).map((event) => event.data as RecordedDecision);
    expect(decisions.map((decision) => [decision.verdict, decision.approvedBy])).toEqual([
      ['deny', null],
      ['allow', 'admin'],
      ['deny', null],
    ]);
    const stats = await bridge.call('GET', '/v1/guard/stats');
    expect(stats.body.decisions.approvedOnce).toBe(1);
  });

  it('allows only the agent and the exact call that was approved', async () => {
    const bridge = await start();
    const bob = await bridge.tokenFor('bob', 'builder');
    const alice = await bridge.tokenFor('alice', 'builder');
    const code = await deniedWithCode(bridge, bob);
    await bridge.call('POST', '/v1/guard/approvals', { body: { code } });
    expect(verdictOf(await bridge.preToolUse(alice, 'Bash', HARD_RESET))).toBe('deny');
    expect(
      verdictOf(await bridge.preToolUse(bob, 'Bash', { command: 'git reset --hard HEAD~2' })),
    ).toBe('deny');
    expect(verdictOf(await bridge.preToolUse(bob, 'Bash', HARD_RESET))).toBe('allow');
  });

  it('refuses a code whose denial is older than the approval window', async () => {
    const bridge = await start();
    const code = await deniedWithCode(bridge, await bridge.tokenFor('bob', 'builder'));
    bridge.advance(DEFAULT_APPROVAL_TTL_MS + 1);
    const late = await bridge.call('POST', '/v1/guard/approvals', { body: { code } });
    expect(late.status).toBe(404);
    expect(late.body.error.message).toMatch(/no denied call offered approval code .* codes expire/);
  });

  it('lets an unused approval expire', async () => {
    const bridge = await start();
    const bob = await bridge.tokenFor('bob', 'builder');
    const code = await deniedWithCode(bridge, bob);
    await bridge.call('POST', '/v1/guard/approvals', { body: { code } });
    bridge.advance(DEFAULT_APPROVAL_TTL_MS + 1);
    expect(verdictOf(await bridge.preToolUse(bob, 'Bash', HARD_RESET))).toBe('deny');
  });

  it('is for admins only, and only for codes that were offered', async () => {
    const bridge = await start();
    const bob = await bridge.tokenFor('bob', 'builder');
    const code = await deniedWithCode(bridge, bob);
    for (const role of ['builder', 'expert', 'observer']) {
      const token = await bridge.tokenFor(`${role}-x`, role);
      const refused = await bridge.call('POST', '/v1/guard/approvals', { token, body: { code } });
      expect(refused.status).toBe(403);
    }
    const unknown = await bridge.call('POST', '/v1/guard/approvals', { body: { code: 'ZZZZZZ' } });
    expect(unknown.status).toBe(404);
    const malformed = await bridge.call('POST', '/v1/guard/approvals', {
      body: { code: 'not-a-code' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not 6 letters and digits/);
    expect(verdictOf(await bridge.preToolUse(bob, 'Bash', HARD_RESET))).toBe('deny');
  });

  it('offers no code for a locked rule', async () => {
    const bridge = await start();
    const bob = await bridge.tokenFor('bob', 'builder');
    const denied = await bridge.preToolUse(bob, 'Bash', { command: 'rm -rf ~' });
    expect(verdictOf(denied)).toBe('deny');
    expect(reasonOf(denied)).not.toMatch(CODE);
  });
});

describe('POST /v1/guard/explain', () => {
  it('explains a shell command: which rules matched, on what, and the verdict', async () => {
    const bridge = await start();
    const observer = await bridge.tokenFor('olga', 'observer');
    const answer = await bridge.call('POST', '/v1/guard/explain', {
      token: observer,
      body: { command: 'git reset --hard HEAD~1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.verdict).toBe('deny');
    expect(answer.body.matches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'git.reset-hard', status: 'counted' }),
      ]),
    );
    expect(answer.body.commands).toEqual([expect.stringContaining('git reset --hard')]);
  });

  it('explains any tool call given as tool and input', async () => {
    const bridge = await start();
    const answer = await bridge.call('POST', '/v1/guard/explain', {
      body: {
        tool: 'Read',
        input: { file_path: `${bridge.project}/src/a.ts` },
        cwd: bridge.project,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.verdict).toBe('allow');
  });

  it.each([
    [{}, /body\/command or body\/input is required/],
    [{ command: 'ls', input: { command: 'ls' } }, /not both/],
    [{ input: { command: 'ls' } }, /body\/tool is required/],
    [{ tool: 'Write', command: 'ls' }, /for the Bash tool/],
    [{ command: 'ls', cwd: 'relative' }, /body\/cwd must be an absolute path/],
    [{ command: 'ls', extra: 1 }, /body\/extra is not an accepted field/],
  ])('refuses %o', async (body, message) => {
    const bridge = await start();
    const answer = await bridge.call('POST', '/v1/guard/explain', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
  });

  it('needs a token', async () => {
    const bridge = await start();
    const answer = await bridge.call('POST', '/v1/guard/explain', {
      token: null,
      body: { command: 'ls' },
    });
    expect(answer.status).toBe(401);
  });
});
