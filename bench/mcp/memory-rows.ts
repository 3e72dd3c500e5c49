import { counted } from '../events/context.js';
import { residentMemoryFloorRow, residentMemoryRow } from '../events/memory-rows.js';
import { bareNodeResidentBytes, formatMiB } from '../events/process-memory.js';
import type { BenchReport } from '../lib/report.js';

/** The bridge's VmRSS at three moments of the run, in bytes. */
export interface BridgeRss {
  /** Agents registered, no MCP request yet (the SDK loads with the first one). */
  beforeMcp: number;
  /** Every client connected, its tools listed and its first call made. */
  sessionsOpen: number;
  afterRuns: number;
}

/** The memory section: the three readings (the last one judged), beside a bare node process. */
export async function reportBridgeRss(
  report: BenchReport,
  rss: BridgeRss,
  clients: number,
): Promise<void> {
  const sessions = counted(clients, 'session');
  report.section('memory of the bridge process');
  report.add({
    name: `bridge RSS before any MCP request: ${formatMiB(rss.beforeMcp)}`,
    notes: ['VmRSS from /proc/<pid>/status, the agents registered'],
  });
  report.add({
    name: `bridge RSS with ${sessions} open: ${formatMiB(rss.sessionsOpen)}`,
    notes: ['after each client connected, listed the tools and made its first call'],
  });
  report.add(residentMemoryRow(`bridge RSS after the runs, ${sessions} open`, rss.afterRuns));
  report.add(residentMemoryFloorRow(await bareNodeResidentBytes()));
}
