import { join } from 'node:path';
import { DATABASE_FILE, openSqliteStore } from '../../src/events/sqlite/sqlite-store.js';
import type { BenchContext } from './context.js';
import { runFilteredReads } from './filtered-reads.js';
import { QueryPlans } from './query-plan.js';
import { readQueries } from './read-queries.js';
import { seedLog } from './seed-log.js';
import { SeedMix } from './seed-mix.js';

/** The same log shape on every run. */
const SEED = 0x5eed;

/**
 * Item 5: seeds `dataDir` with the plan's events, reopens the store as a restarted bridge
 * would, and times the filtered reads on it. The seeded directory stays for the cold start.
 */
export async function runSeededReads(context: BenchContext, dataDir: string): Promise<void> {
  const { report, plan, cleanup } = context;
  const events = plan.seedEvents.toLocaleString('en-US');
  process.stderr.write(`seeding ${events} events…\n`);
  const mix = new SeedMix(SEED);
  const writing = await openSqliteStore({ dataDir });
  const closeWriting = cleanup.add(() => writing.close());
  const seeded = await seedLog(writing, mix, plan.seedEvents, (written) => {
    process.stderr.write(`  ${written.toLocaleString('en-US')} written\n`);
  });
  await closeWriting();
  context.details.seeding = seeded;

  const store = await openSqliteStore({ dataDir });
  const closeStore = cleanup.add(() => store.close());
  const plans = new QueryPlans(join(dataDir, DATABASE_FILE));
  const closePlans = cleanup.add(() => plans.close());
  report.section(`filtered readAll over ${events} events, pages of 100, in process`);
  report.add({
    name: 'seeding (in process, group-committed)',
    perSecond: seeded.eventsPerSecond,
    notes: [
      `${events} events in ${seeded.appends.toLocaleString('en-US')} appends of 1–15 events ` +
        `to ~50k streams, ${seeded.seconds.toFixed(1)} s; 20 skewed types + one at 0.1%, ` +
        '1000 agents, correlation ids over 1–3 appends',
    ],
  });
  await runFilteredReads(context, store, await readQueries(store, mix), plans);
  await closePlans();
  await closeStore();
}
