import { join } from 'node:path';
import { BridgeError } from '../../src/events/errors.js';
import { createGuard, type Guard, type ToolCall } from '../../src/guard/index.js';
import type { Cleanup } from '../events/cleanup.js';
import { PACKS_DIR } from '../guard/in-process-decisions.js';
import type { BenchReport, ResultRow } from '../lib/report.js';
import { formatUs, type LatencySummary } from '../lib/stats.js';
import {
  FREE_FOLDER,
  LEASED_FOLDER,
  LEASED_FOLDER_LEASE,
  LeaseFixture,
  NEAR_MISS_FOLDER,
} from './lease-fixture.js';
import { type MicroTiming, timeCalls, timePaired } from './micro-timer.js';
import { percentileDifference } from './percentile-difference.js';
import type { CoordinationBenchPlan } from './plan.js';

const LEASE_CHECK_P99_MAX_US = 10;

interface SampleWrite {
  tool: string;
  input: Record<string, unknown>;
  /** The project path it writes. */
  writes: string;
}

interface WriteClass {
  name: string;
  calls: SampleWrite[];
  /** What the guard with leases answers once the table holds `LEASED_FOLDER`; allow without. */
  leasedDecision: 'allow' | 'ask';
  /** Judged against the target: the check every write pays. */
  targeted: boolean;
}

function fileWrite(root: string, writes: string): SampleWrite {
  return {
    tool: 'Write',
    input: { file_path: `${root}/${writes}`, content: 'export {};\n' },
    writes,
  };
}

function shellWrite(command: string, writes: string): SampleWrite {
  return { tool: 'Bash', input: { command }, writes };
}

/** The writes of the measured agent: into a free folder, beside a glob they miss, into a lease. */
function writeClasses(root: string): WriteClass[] {
  const free = `${FREE_FOLDER}/sum.ts`;
  const nearMiss = `${NEAR_MISS_FOLDER}/handler.ts`;
  return [
    {
      name: 'Write/Edit',
      calls: [
        fileWrite(root, free),
        {
          tool: 'Edit',
          input: {
            file_path: `${root}/${nearMiss}`,
            old_string: 'return a + b;',
            new_string: 'return Number(a) + Number(b);',
          },
          writes: nearMiss,
        },
      ],
      leasedDecision: 'allow',
      targeted: true,
    },
    {
      name: 'shell write',
      calls: [
        shellWrite(`echo done > ${FREE_FOLDER}/out.txt`, `${FREE_FOLDER}/out.txt`),
        shellWrite(`sed -i 's/a/b/' ${nearMiss}`, nearMiss),
      ],
      leasedDecision: 'allow',
      targeted: true,
    },
    {
      name: 'Write into another agent’s lease',
      calls: [fileWrite(root, `${LEASED_FOLDER}/db.ts`)],
      leasedDecision: 'ask',
      targeted: false,
    },
  ];
}

/**
 * The cost the lease check adds to a guard decision, in process: `guard.decide` with the
 * bridge's lease service and without leases, interleaved on the same calls, for lease tables of
 * several sizes; and the lookups alone. The guards keep their decision cache, as the bridge's
 * does, so the rules are judged once per call and the lease check (never cached) stands out.
 */
export async function runLeaseCost(
  report: BenchReport,
  plan: CoordinationBenchPlan,
  cleanup: Cleanup,
): Promise<Record<string, unknown>> {
  const projectRoot = cleanup.tempDir('lease-project');
  const home = cleanup.tempDir('lease-home');
  const fixture = await LeaseFixture.open(join(projectRoot, '.lighthouse'), projectRoot, cleanup);
  const options = { projectRoot, home, watch: false, packsDir: PACKS_DIR };
  const withLeases = createGuard({ ...options, leases: fixture.leases });
  const withoutLeases = createGuard(options);
  cleanup.add(() => withLeases.close());
  cleanup.add(() => withoutLeases.close());
  const timing: MicroTiming = { warmup: plan.decideWarmup, samples: plan.decideSamples };
  const agent = { ...fixture.writer };
  const classes = writeClasses(projectRoot);
  const toolCallsOf = (writeClass: WriteClass): ToolCall[] =>
    writeClass.calls.map(({ tool, input }) => ({
      tool,
      input,
      cwd: projectRoot,
      projectRoot,
      home,
      agent,
    }));
  const lookups = classes
    .filter((writeClass) => writeClass.targeted)
    .flatMap((writeClass) => writeClass.calls.map((call) => call.writes));
  const absoluteLookups = lookups.map((path) => join(projectRoot, path));

  report.section(
    `lease check in the guard, in process (${plan.decideSamples} samples per row after ` +
      `${plan.decideWarmup} warm-up; guards with their decision cache, as the bridge runs them)`,
  );
  report.add({
    name: 'floor: an empty call timed the same way',
    latency: timeCalls(() => undefined, timing),
    notes: ['two reads of the bench clock around a call that does nothing'],
  });
  const details: Record<string, unknown> = {};
  for (const leaseCount of plan.leaseCounts) {
    await fixture.growTo(leaseCount);
    const held = `${leaseCount.toLocaleString('en-US')} leases`;
    const now = Date.now();
    const table = fixture.leases.table;
    const writerId = fixture.writer.agentId;
    const serviceCheck = timeCalls(
      (i) => fixture.leases.check(absoluteLookups[i % lookups.length] as string, writerId),
      timing,
    );
    report.add(
      checkRow(
        `LeaseService.check (the guard’s lookup), ${held}`,
        serviceCheck,
        'absolute paths as the guard passes them: made project-relative, then looked up at the clock’s time',
      ),
    );
    const tableCheck = timeCalls(
      (i) => table.check(lookups[i % lookups.length] as string, writerId, now),
      timing,
    );
    report.add(
      checkRow(
        `LeaseTable.check alone, ${held}`,
        tableCheck,
        `project paths in turn, none leased by the writer: ${lookups.join(' · ')}`,
      ),
    );
    const perClass: Record<string, unknown> = { serviceCheck, tableCheck };
    for (const writeClass of classes) {
      if (!writeClass.targeted && leaseCount <= LEASED_FOLDER_LEASE) continue;
      const calls = toolCallsOf(writeClass);
      expectDecisions(withLeases, calls, writeClass.leasedDecision, writeClass.name);
      expectDecisions(withoutLeases, calls, 'allow', writeClass.name);
      const { first, second } = timePaired(
        (i) => withLeases.decide(calls[i % calls.length] as ToolCall),
        (i) => withoutLeases.decide(calls[i % calls.length] as ToolCall),
        timing,
      );
      report.add(addedRow(writeClass, held, first, second));
      perClass[writeClass.name] = { withLeases: first, withoutLeases: second };
    }
    details[held] = perClass;
  }
  return details;
}

function checkRow(name: string, latency: LatencySummary, note: string): ResultRow {
  return { name, latency, target: { p99MaxUs: LEASE_CHECK_P99_MAX_US }, notes: [note] };
}

function addedRow(
  writeClass: WriteClass,
  held: string,
  withLeases: LatencySummary,
  withoutLeases: LatencySummary,
): ResultRow {
  const figures = (summary: LatencySummary) =>
    `p50 ${formatUs(summary.p50Us)} p99 ${formatUs(summary.p99Us)}`;
  const described = writeClass.calls
    .map(({ tool, input }) => (tool === 'Bash' ? String(input.command) : tool))
    .join(' · ');
  return {
    name: `${writeClass.name}: added to decide by the lease check, ${held}`,
    latency: percentileDifference(withLeases, withoutLeases),
    ...(writeClass.targeted ? { target: { p99MaxUs: LEASE_CHECK_P99_MAX_US } } : {}),
    notes: [
      `each percentile of decide with the lease service minus the same without leases; ` +
        `with ${figures(withLeases)}, without ${figures(withoutLeases)}`,
      `calls in turn: ${described}; with leases the guard answers ${writeClass.leasedDecision}`,
    ],
  };
}

/** Refuses to time a guard that does not answer as the row says (no packs, no lease seen). */
function expectDecisions(guard: Guard, calls: ToolCall[], expected: string, what: string): void {
  const decisions = calls.map((call) => guard.decide(call).decision);
  if (decisions.some((decision) => decision !== expected)) {
    throw new BridgeError(
      'unexpected_decision',
      `${what}: expected ${expected}, the guard answered ${decisions.join(', ')}`,
    );
  }
}
