import type { ResultRow } from '../lib/report.js';
import { TARGETS } from './context.js';
import { formatMiB } from './process-memory.js';

const LIMIT_BYTES = TARGETS.rssMiB * 2 ** 20;

/**
 * A resident-memory reading as a report row. The report's targets have no memory criterion,
 * so the budget is carried as an error count: 1 when the reading is above it, else 0.
 */
export function residentMemoryRow(name: string, bytes: number): ResultRow {
  return {
    name: `${name}: ${formatMiB(bytes)}`,
    errors: bytes > LIMIT_BYTES ? 1 : 0,
    target: { maxErrors: 0 },
    notes: [
      `VmRSS from /proc/<pid>/status; target ≤ ${TARGETS.rssMiB} MiB, counted as 1 error when above it`,
    ],
  };
}

/** The floor reading, without a target. */
export function residentMemoryFloorRow(bytes: number): ResultRow {
  return {
    name: `floor: bare node process: ${formatMiB(bytes)}`,
    notes: ['VmRSS of a Node process that does nothing'],
  };
}
