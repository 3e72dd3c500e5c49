import type { Direction, ReadAllOptions } from '../../src/events/envelope.js';
import type { EventStore } from '../../src/events/store.js';
import { nowUs } from '../lib/clock.js';
import type { ResultRow } from '../lib/report.js';
import { LatencyRecorder, type LatencySummary } from '../lib/stats.js';
import { type BenchContext, TARGETS } from './context.js';
import type { QueryPlans } from './query-plan.js';
import type { ReadQuery } from './read-queries.js';

const PAGE = 100;
const MIN_SAMPLES = 5;
const WARMUP_READS = 2;

interface PageShape {
  depth: 'first page' | 'page from the middle';
  direction: Direction;
}

const SHAPES: PageShape[] = [
  { depth: 'first page', direction: 'forwards' },
  { depth: 'first page', direction: 'backwards' },
  { depth: 'page from the middle', direction: 'forwards' },
  { depth: 'page from the middle', direction: 'backwards' },
];

/**
 * Item 5: pages of 100 through the store's readAll, each filter in both directions from the
 * start and from the middle of the log, beside the same pages without a filter as the floor.
 * A page that misses its budget is printed with the query plan SQLite used for it; the plans of
 * all pages go into the JSON record.
 */
export async function runFilteredReads(
  context: BenchContext,
  store: EventStore,
  queries: ReadQuery[],
  plans: QueryPlans,
): Promise<void> {
  const { report, plan } = context;
  const middle = Math.floor((await store.headPosition()) / 2);
  const explained: Record<string, string[]> = {};
  const floor: ReadQuery = { name: 'floor: no filter', filter: {} };
  for (const query of [floor, ...queries]) {
    for (const shape of SHAPES) {
      const options: ReadAllOptions = {
        ...query.filter,
        direction: shape.direction,
        limit: PAGE,
        ...(shape.depth === 'first page' ? {} : { after: middle }),
      };
      const timed = await timePage(store, options, plan.readSamples, plan.readBudgetMs);
      const name = `${query.name} · ${shape.depth} · ${shape.direction}`;
      const row: ResultRow = {
        name,
        latency: timed.latency,
        ...(query === floor ? {} : { target: TARGETS.filteredPage }),
        notes: [`${timed.eventsOnPage} events on the page`],
      };
      const { sql, lines } = plans.explain(options);
      explained[name] = [sql, ...lines];
      if (query !== floor && !(timed.latency.p99Us <= TARGETS.filteredPage.p99MaxUs)) {
        row.notes?.push(`query plan: ${lines.join(' | ')}`);
      }
      report.add(row);
    }
  }
  context.details.queryPlans = explained;
}

async function timePage(
  store: EventStore,
  options: ReadAllOptions,
  samples: number,
  budgetMs: number,
): Promise<{ latency: LatencySummary; eventsOnPage: number }> {
  let eventsOnPage = 0;
  for (let run = 0; run < WARMUP_READS; run++) {
    eventsOnPage = (await store.readAll(options)).events.length;
  }
  const recorder = new LatencyRecorder();
  const deadlineUs = nowUs() + budgetMs * 1000;
  while (recorder.count < samples && (recorder.count < MIN_SAMPLES || nowUs() < deadlineUs)) {
    const startedUs = nowUs();
    await store.readAll(options);
    recorder.recordUs(nowUs() - startedUs);
  }
  return { latency: recorder.summary(), eventsOnPage };
}
