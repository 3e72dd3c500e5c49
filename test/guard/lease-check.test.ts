import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { LeaseService } from '../../src/coordination/leases/service.js';
import {
  createGuard,
  type Decision,
  type LeaseConflictDecision,
  type Verdict,
} from '../../src/guard/index.js';
import { openWorld, registerAgents } from '../coordination/harness.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME } from './cases/case.js';

const tempDir = useTempDirs();
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

/**
 * A project where lee holds `src/api` and `docs/*.md` exclusively and `shared/notes.md` shared,
 * guarded with the real lease service on a real store; bea is another builder.
 */
async function leasedProject(conflict?: LeaseConflictDecision) {
  const root = tempDir();
  const world = await openWorld(tempDir());
  const { bea, lee } = (await registerAgents(world, [
    { name: 'bea', role: 'builder' },
    { name: 'lee', role: 'builder' },
  ])) as Record<'bea' | 'lee', Principal>;
  const clock = { now: Date.now() };
  const leases = new LeaseService(world.store, world.registry, {
    projectRoot: root,
    clock: () => clock.now,
  });
  await leases.start();
  const exclusive = await leases.acquire(lee, {
    paths: ['src/api', 'docs/*.md', 'lighthouse.yaml'],
    ttlSeconds: 60,
  });
  await leases.acquire(lee, { paths: ['shared/notes.md'], exclusive: false });
  const guard = createGuard({ projectRoot: root, home: HOME, leases, leaseConflict: conflict });
  const decide = (tool: string, input: Record<string, unknown>, agent: Principal = bea) =>
    guard.decide({ tool, input, cwd: root, agent });
  return {
    root,
    bea,
    lee,
    clock,
    leases,
    exclusive,
    decide,
    [Symbol.asyncDispose]: async () => {
      guard.close();
      await leases.close();
      await world.close();
    },
  };
}

type Call = (root: string) => [tool: string, input: Record<string, unknown>];

const write =
  (file: string): Call =>
  (root) => ['Write', { file_path: path.join(root, file), content: 'x\n' }];
const bash =
  (command: string): Call =>
  () => ['Bash', { command }];

function expectLeaseConflict(decision: Decision, verdict: Verdict, leaseId: string) {
  expect(decision.verdict).toBe(verdict);
  expect(decision.matches.map((match) => match.ruleId)).toContain('guard.lease-conflict');
  expect(decision.reason).toContain(`lee holds an exclusive lease on this path (lease ${leaseId}`);
}

describe('the guard consults file leases', () => {
  const heldBack: [string, Call][] = [
    ['Write into a leased folder', write('src/api/routes.ts')],
    [
      'Edit',
      (root) => [
        'Edit',
        { file_path: path.join(root, 'src/api/routes.ts'), old_string: 'a', new_string: 'b' },
      ],
    ],
    [
      'MultiEdit',
      (root) => [
        'MultiEdit',
        {
          file_path: path.join(root, 'src/api/routes.ts'),
          edits: [{ old_string: 'a', new_string: 'b' }],
        },
      ],
    ],
    [
      'NotebookEdit',
      (root) => [
        'NotebookEdit',
        { notebook_path: path.join(root, 'src/api/n.ipynb'), new_source: 'print(1)' },
      ],
    ],
    ['Write into a path a glob lease covers', write('docs/guide.md')],
    ['a shell redirection', bash('echo x > src/api/routes.ts')],
    ['an appending redirection after cd', bash('cd src && echo x >> api/routes.ts')],
    ['cp into the leased folder', bash('cp README.md src/api/')],
    ['tee', bash('npm test 2>&1 | tee src/api/log.txt')],
    ['sed -i', bash('sed -i s/a/b/ docs/guide.md')],
    ['mv out of the leased folder', bash('mv src/api/routes.ts src/old.ts')],
    ['rm', bash('rm src/api/routes.ts')],
  ];

  it.each(heldBack)('asks by default before %s by another agent', async (_name, call) => {
    await using project = await leasedProject();
    const decision = project.decide(...call(project.root));
    expectLeaseConflict(decision, 'ask', project.exclusive.leaseId);
    expect(decision.decision).toBe('ask');
  });

  it.each(heldBack)('denies %s when the policy says so', async (_name, call) => {
    await using project = await leasedProject('deny');
    expectLeaseConflict(project.decide(...call(project.root)), 'deny', project.exclusive.leaseId);
  });

  const untouched: [string, Call][] = [
    ['a Read of a leased file', (root) => ['Read', { file_path: path.join(root, 'src/api/a.ts') }]],
    ['a shell read of it', bash('cat src/api/routes.ts')],
    ['a write beside the lease', write('src/web/page.ts')],
    ['a write below a one-segment glob', write('docs/api/guide.md')],
    ['a write into a shared lease', write('shared/notes.md')],
  ];

  it.each(untouched)('leaves alone %s', async (_name, call) => {
    await using project = await leasedProject('deny');
    expect(project.decide(...call(project.root)).verdict).toBe('allow');
  });

  it('lets the holder write its own leased paths', async () => {
    await using project = await leasedProject('deny');
    const [tool, input] = write('src/api/routes.ts')(project.root);
    expect(project.decide(tool, input, project.lee).verdict).toBe('allow');
    expect(project.decide(tool, input, project.bea).verdict).toBe('deny');
  });

  it('sees leases change behind a cached decision: acquired, released, run out', async () => {
    await using project = await leasedProject();
    const [tool, input] = write('src/db.ts')(project.root);
    expect(project.decide(tool, input)).toMatchObject({ verdict: 'allow', cached: false });
    const lease = await project.leases.acquire(project.lee, {
      paths: ['src/db.ts'],
      ttlSeconds: 5,
    });
    expectLeaseConflict(project.decide(tool, input), 'ask', lease.leaseId);
    expect(project.decide(tool, input).cached).toBe(true);
    await project.leases.release(project.lee, lease.leaseId);
    expect(project.decide(tool, input).verdict).toBe('allow');
    const again = await project.leases.acquire(project.lee, { paths: ['src'], ttlSeconds: 5 });
    expectLeaseConflict(project.decide(tool, input), 'ask', again.leaseId);
    project.clock.now += 5_000;
    expect(project.decide(tool, input).verdict).toBe('allow');
  });

  it('keeps a deny of the rules as it is, with no word of the lease', async () => {
    await using project = await leasedProject();
    const decision = project.decide('Write', {
      file_path: path.join(project.root, 'src/api/keys.ts'),
      content: `k = '${AWS_KEY}'`,
    });
    expect(decision.verdict).toBe('deny');
    expect(decision.matches.map((match) => match.ruleId)).not.toContain('guard.lease-conflict');
  });

  it.each<[LeaseConflictDecision, string, Verdict, boolean]>([
    ['ask', 'escalate', 'ask', true],
    ['deny', 'deny', 'deny', false],
  ])(
    'with leases answering %s, a leased escalation stays %s',
    async (conflict, decision, verdict, escalated) => {
      await using project = await leasedProject(conflict);
      const answer = project.decide(...write('lighthouse.yaml')(project.root));
      expect(answer).toMatchObject({ decision, verdict });
      expect(answer.matches.map((match) => match.ruleId)).toEqual(
        conflict === 'ask'
          ? ['bridge.policy-edit', 'guard.lease-conflict']
          : ['guard.lease-conflict', 'bridge.policy-edit'],
      );
      // an escalation goes on to the experts, who hear of the lease too
      expect(answer.escalation?.reason.includes('lee holds') ?? false).toBe(escalated);
    },
  );
});
