import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardSettingsFrom } from '../../src/api/plugins/guard-setup.js';
import { resolveConfig } from '../../src/config/index.js';
import type { Review } from '../../src/coordination/reviews/evolve.js';
import type { RecordedDecision } from '../../src/guard/audit/events.js';
import { guardCallsStreamId } from '../../src/guard/audit/events.js';
import { eventually } from '../coordination/harness.js';
import { useTempDirs } from '../support/temp-dir.js';
import { preToolUseBody } from './guard-support.js';
import { type Answer, useBridges } from './harness.js';

const start = useBridges();
const tempDir = useTempDirs();

function escalating(target: string, fields: string[]): string[] {
  return [
    `    - id: make-${target}`,
    `      description: make ${target}`,
    '      decision: escalate',
    `      reason: make ${target} needs a second pair of eyes.`,
    ...fields.map((field) => `      ${field}`),
    '      match:',
    '        shell:',
    '          command: make',
    `          subcommand: [${target}]`,
  ];
}

/** The project's lighthouse.yaml: escalating rules under `guard:`, and the given sections. */
function lighthouseYaml(sections: string): string {
  return [
    'guard:',
    '  rules:',
    ...escalating('release', ['capability: release']),
    ...escalating('migrate', ['capability: release', 'risk: high']),
    ...escalating('seed', ['capability: release', 'fallback: allow']),
    ...escalating('docs', ['capability: docs']),
    ...escalating('bench', ['capability: perf', 'risk: high']),
    sections,
  ].join('\n');
}

type Agent = 'bea' | 'lee' | 'sec-1' | 'sec-2' | 'pat' | 'admin';

const AGENTS: [Agent, string, string[]][] = [
  ['bea', 'builder', []],
  ['lee', 'builder', []],
  ['sec-1', 'expert', ['release']],
  ['sec-2', 'expert', ['release']],
  ['pat', 'expert', ['perf']],
];

/**
 * A real bridge over a project whose lighthouse.yaml escalates `make …` to experts, configured as
 * `serve` configures it: from the file's `guardReviews:` and `guardLeases:` sections.
 */
async function reviewBridge(sections: string) {
  const root = tempDir();
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'lighthouse.yaml'), `${lighthouseYaml(sections)}\n`);
  const settings = guardSettingsFrom(resolveConfig({ cwd: root, env: {} }));
  const bridge = await start({ projectRoot: root, guard: { home: tempDir(), ...settings } });
  const tokens = { admin: bridge.adminToken } as Record<Agent, string>;
  for (const [name, role, capabilities] of AGENTS) {
    const answer = await bridge.call('POST', '/v1/agents', { body: { name, role, capabilities } });
    tokens[name] = answer.body.token;
  }
  const { reviews } = bridge.coordination;
  return {
    bridge,
    root,
    tokens,
    hook: (agent: Agent, tool: string, input: Record<string, unknown>) =>
      bridge.call('POST', '/v1/hooks/claude-code/pre-tool-use', {
        token: tokens[agent],
        body: preToolUseBody(root, tool, input),
      }),
    /** The one review pending, once the guard has opened it. */
    pendingReview: async (): Promise<Review> => {
      await eventually(() => reviews.list({ status: 'pending' }).length === 1, 'a review is open');
      return reviews.list({ status: 'pending' })[0] as Review;
    },
    decide: async (agent: Agent, reviewId: string, approve: boolean) => {
      const answer = await bridge.call('POST', `/v1/reviews/${reviewId}/decision`, {
        token: tokens[agent],
        body: { approve, reason: approve ? 'looks right' : 'not now' },
      });
      expect(answer.status).toBe(200);
      return answer.body as Review;
    },
    /** What the audit recorded of the agent's last call. */
    lastRecorded: async (agent: Agent): Promise<RecordedDecision> => {
      const { events } = await bridge.store.readStream(guardCallsStreamId(agent), {
        direction: 'backwards',
        limit: 1,
      });
      return events[0]?.data as RecordedDecision;
    },
    reviewCount: () => reviews.list().length,
  };
}

function verdictOf(answer: Answer): string {
  expect(answer.status).toBe(200);
  return answer.body.hookSpecificOutput.permissionDecision;
}

function reasonOf(answer: Answer): string {
  return answer.body.hookSpecificOutput.permissionDecisionReason;
}

const WAIT_LONG = 'guardReviews:\n  waitSeconds: 20\n';
const WAIT_SHORT = 'guardReviews:\n  waitSeconds: 0.2\n';

describe('escalations go to expert reviews while the hook call waits', () => {
  const settled: [string, string, [Agent, boolean][], string, object][] = [
    [
      'one approval allows',
      'make release',
      [['sec-1', true]],
      'allow',
      { outcome: 'allow', resolvedBy: 'experts', by: 'sec-1', risk: 'normal' },
    ],
    [
      'a reject denies',
      'make release',
      [['sec-2', false]],
      'deny',
      { outcome: 'deny', resolvedBy: 'experts', by: 'sec-2' },
    ],
    [
      'high risk takes two approvals from distinct experts',
      'make migrate',
      [
        ['sec-1', true],
        ['sec-2', true],
      ],
      'allow',
      { outcome: 'allow', by: 'sec-2', risk: 'high' },
    ],
    [
      'high risk: a reject after an approval wins',
      'make migrate',
      [
        ['sec-1', true],
        ['sec-2', false],
      ],
      'deny',
      { outcome: 'deny', by: 'sec-2', risk: 'high' },
    ],
    [
      'a human (admin) decides for the experts',
      'make release',
      [['admin', true]],
      'allow',
      { outcome: 'allow', resolvedBy: 'admin', by: 'admin' },
    ],
    [
      'an approval leaves the asks of other rules standing',
      'make release && sudo ls',
      [['sec-1', true]],
      'ask',
      { outcome: 'allow' },
    ],
  ];

  it.each(settled)('%s', async (_name, command, decisions, verdict, review) => {
    const project = await reviewBridge(WAIT_LONG);
    const answer = project.hook('bea', 'Bash', { command });
    const pending = await project.pendingReview();
    expect(pending).toMatchObject({ capability: 'release', requester: { name: 'bea' } });
    for (const [index, [expert, approve]] of decisions.entries()) {
      const after = await project.decide(expert, pending.reviewId, approve);
      // every decision but the last leaves the review (and the hook call) waiting
      expect(after.status).toBe(index < decisions.length - 1 ? 'pending' : 'resolved');
    }
    const answered = await answer;
    expect(verdictOf(answered)).toBe(verdict);
    expect(reasonOf(answered)).toContain(`Review ${pending.reviewId}`);
    expect(await project.lastRecorded('bea')).toMatchObject({
      verdict,
      ruleDecision: 'escalate',
      review: { reviewId: pending.reviewId, status: 'resolved', capability: 'release', ...review },
    });
  });

  it.each([
    ['deny', 'make release'],
    ['allow', 'make seed'],
  ])(
    'answers with the rule’s fallback (%s) when nobody decides in time, and gives a retry the later outcome',
    async (fallback, command) => {
      const project = await reviewBridge(WAIT_SHORT);
      const first = await project.hook('bea', 'Bash', { command });
      expect(verdictOf(first)).toBe(fallback);
      expect(reasonOf(first)).toContain(`fallback (${fallback}) answers for now`);
      const recorded = await project.lastRecorded('bea');
      expect(recorded.review).toMatchObject({ status: 'pending', outcome: null, by: null });
      const reviewId = recorded.review?.reviewId as string;
      // the review stays open for the experts; a decision after the answer is still recorded
      await project.decide('sec-1', reviewId, false);
      const retry = await project.hook('bea', 'Bash', { command });
      expect(verdictOf(retry)).toBe('deny');
      expect(await project.lastRecorded('bea')).toMatchObject({
        review: { reviewId, status: 'resolved', outcome: 'deny', by: 'sec-1' },
      });
      expect(project.reviewCount()).toBe(1);
    },
  );

  it('lets a retry wait on the review already open instead of opening another', async () => {
    const project = await reviewBridge(WAIT_SHORT);
    expect(verdictOf(await project.hook('bea', 'Bash', { command: 'make release' }))).toBe('deny');
    expect(verdictOf(await project.hook('bea', 'Bash', { command: 'make release' }))).toBe('deny');
    expect(project.reviewCount()).toBe(1);
  });

  it.each([
    ['no expert holds the capability', 'make docs', 'No expert holds the capability docs'],
    [
      'a high-risk review has one expert only',
      'make bench',
      'No two experts hold the capability perf',
    ],
  ])('asks the user when %s, opening no review', async (_name, command, note) => {
    const project = await reviewBridge(WAIT_LONG);
    const answer = await project.hook('bea', 'Bash', { command });
    expect(verdictOf(answer)).toBe('ask');
    expect(reasonOf(answer)).toContain(note);
    expect(project.reviewCount()).toBe(0);
  });

  it('keeps a rule’s deny, whatever the experts said of the call’s escalating part', async () => {
    const project = await reviewBridge(WAIT_LONG);
    const answer = project.hook('bea', 'Bash', { command: 'make release' });
    await project.decide('sec-1', (await project.pendingReview()).reviewId, true);
    expect(verdictOf(await answer)).toBe('allow');
    const denied = await project.hook('bea', 'Bash', {
      command: 'make release && git reset --hard',
    });
    expect(verdictOf(denied)).toBe('deny');
    expect(reasonOf(denied)).toContain('git.reset-hard');
    expect(project.reviewCount()).toBe(1);
  });

  it('answers a waiting hook call when the bridge shuts down', async () => {
    const project = await reviewBridge('guardReviews:\n  waitSeconds: 600\n');
    const answer = project.hook('bea', 'Bash', { command: 'make release' });
    await project.pendingReview();
    await project.bridge.close();
    const answered = await answer;
    expect(verdictOf(answered)).toBe('deny');
    expect(reasonOf(answered)).toContain('fallback (deny) answers for now');
  });
});

describe('writes into leased files', () => {
  async function leasedBridge(sections: string) {
    const project = await reviewBridge(sections);
    const acquire = async (paths: string[], exclusive: boolean) => {
      const answer = await project.bridge.call('POST', '/v1/leases', {
        token: project.tokens.lee,
        body: { paths, exclusive },
      });
      expect(answer.status).toBe(201);
      return answer.body.leaseId as string;
    };
    const leaseId = await acquire(['src/api'], true);
    await acquire(['src/shared.ts'], false);
    const write = (agent: Agent, file: string) =>
      project.hook(agent, 'Write', { file_path: join(project.root, file), content: 'x\n' });
    return { ...project, leaseId, write };
  }

  it.each([
    ['', 'ask'],
    ['guardLeases:\n  conflict: deny\n', 'deny'],
  ])(
    'answers %s another agent’s write into an exclusive lease with %s',
    async (sections, verdict) => {
      const project = await leasedBridge(sections);
      const answer = await project.write('bea', 'src/api/routes.ts');
      expect(verdictOf(answer)).toBe(verdict);
      expect(reasonOf(answer)).toContain(
        `lee holds an exclusive lease on this path (lease ${project.leaseId}`,
      );
      expect((await project.lastRecorded('bea')).ruleIds).toContain('guard.lease-conflict');
      expect(verdictOf(await project.write('lee', 'src/api/routes.ts'))).toBe('allow');
      expect(verdictOf(await project.write('bea', 'src/shared.ts'))).toBe('allow');
      const shell = await project.hook('bea', 'Bash', { command: 'echo x > src/api/routes.ts' });
      expect(verdictOf(shell)).toBe(verdict);
    },
  );
});
