import type { ExpectedRevision, NewEvent } from '../../src/events/envelope.js';
import { openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/events/store.js';
import { nowUs } from '../lib/clock.js';
import type { ResultRow } from '../lib/report.js';
import { LatencyRecorder, type LatencySummary, ratePerSecond } from '../lib/stats.js';
import { CommitStats } from './commit-stats.js';
import { type BenchContext, counted, fsyncFloorRow, TARGETS } from './context.js';
import { sampleEvent } from './sample-event.js';
import { runWriterLoop, writerLoopRow } from './writer-loop.js';

const SINGLE_WRITER_WARMUP = 200;

/** Items 2 and 3: durable appends straight to the store, one writer and many. */
export async function runInProcessAppends(
  context: BenchContext,
  dataDir: string,
  fsyncFloor: LatencySummary,
): Promise<void> {
  const { report, plan, cleanup } = context;
  const commits = new CommitStats();
  const store = await openSqliteStore({ dataDir, observer: commits });
  const closeStore = cleanup.add(() => store.close());

  report.section('durable append in process: one writer, one event per append');
  report.add(fsyncFloorRow(fsyncFloor, 'the data directory'));
  const single = await measureSingleWriter(store, plan.singleWriterSamples);
  report.add({
    name: 'append, single writer',
    latency: single.latency,
    perSecond: single.perSecond,
    target: TARGETS.singleAppend,
    notes: [
      `${plan.singleWriterSamples} sequential appends after ${SINGLE_WRITER_WARMUP} unmeasured; ` +
        'each waits for its own commit (WAL, synchronous=FULL), expectedRevision = its revision',
      commits.describe(),
    ],
  });

  report.section('durable append in process: concurrent writers');
  report.add(fsyncFloorRow(fsyncFloor, 'the data directory'));
  const withCommits = (row: ResultRow): ResultRow => {
    const described = { ...row, notes: [...(row.notes ?? []), commits.describe()] };
    commits.reset();
    return described;
  };
  commits.reset();
  for (const writers of plan.writerCounts) {
    const result = await runWriterLoop({
      writers,
      warmupMs: plan.inProcessWarmupMs,
      durationMs: plan.inProcessWindowMs,
      append: (writer, seq) =>
        store.appendToStream(`writer-${writers}-${writer}`, [eventOf(writer, seq)], {
          expectedRevision: ownStreamRevision(seq),
        }),
    });
    const target = writers === 64 ? TARGETS.writers64 : undefined;
    report.add(
      withCommits(writerLoopRow(`${counted(writers, 'writer')}, own streams`, result, target)),
    );
  }
  const { writers, streams } = plan.sharedStreams;
  const shared = await runWriterLoop({
    writers,
    warmupMs: plan.inProcessWarmupMs,
    durationMs: plan.inProcessWindowMs,
    append: (writer, seq) =>
      store.appendToStream(`shared-${writer % streams}`, [eventOf(writer, seq)], {
        expectedRevision: 'any',
      }),
  });
  report.add(
    withCommits(
      writerLoopRow(`${writers} writers sharing ${streams} streams (expectedRevision any)`, shared),
    ),
  );
  await closeStore();
}

async function measureSingleWriter(
  store: EventStore,
  samples: number,
): Promise<{ latency: LatencySummary; perSecond: number }> {
  const recorder = new LatencyRecorder();
  let measuredStartUs = 0;
  for (let seq = 0; seq < SINGLE_WRITER_WARMUP + samples; seq++) {
    if (seq === SINGLE_WRITER_WARMUP) measuredStartUs = nowUs();
    const event = eventOf(0, seq);
    const startedUs = nowUs();
    await store.appendToStream('single-writer', [event], {
      expectedRevision: ownStreamRevision(seq),
    });
    if (seq >= SINGLE_WRITER_WARMUP) recorder.recordUs(nowUs() - startedUs);
  }
  return {
    latency: recorder.summary(),
    perSecond: ratePerSecond(samples, nowUs() - measuredStartUs),
  };
}

/** A writer alone on its stream knows the revision it expects: none before its first append. */
function ownStreamRevision(seq: number): ExpectedRevision {
  return seq === 0 ? 'no_stream' : seq - 1;
}

function eventOf(writer: number, seq: number): NewEvent {
  return sampleEvent({
    seq,
    agentId: `agent-${writer}`,
    correlationId: `task-${writer}-${seq >> 3}`,
  });
}
