import { appendFileSync } from 'node:fs';
import { describeMachine, formatMachine, type MachineInfo } from './machine.js';
import { formatLatency, formatRate, formatUs, type LatencySummary } from './stats.js';

/** Every criterion given must hold for the target to be met. */
export interface Target {
  p50MaxUs?: number;
  p95MaxUs?: number;
  p99MaxUs?: number;
  minPerSecond?: number;
  maxErrors?: number;
}

export type Verdict = 'met' | 'MISSED' | 'INVALID';

export interface ResultRow {
  name: string;
  latency?: LatencySummary;
  perSecond?: number;
  errors?: number;
  target?: Target;
  /** Why the figures mean nothing (say, the load generator fell behind): verdict INVALID. */
  invalidReason?: string;
  notes?: string[];
}

export interface RecordedRow extends ResultRow {
  section: string;
  /** Absent when the row has no target. */
  verdict?: Verdict;
}

export interface BenchRecord {
  bench: string;
  timestamp: string;
  machine: MachineInfo;
  /** False when any row with a target missed it or was invalid. */
  allTargetsMet: boolean;
  rows: RecordedRow[];
  details?: Record<string, unknown>;
}

/** Prefix of the one JSON line a benchmark prints: `grep '^BENCH_JSON ' | cut -c12-`. */
export const BENCH_JSON_PREFIX = 'BENCH_JSON ';

export function judge(row: ResultRow): Verdict | undefined {
  const { target } = row;
  if (target === undefined) return undefined;
  if (row.invalidReason !== undefined) return 'INVALID';
  const checks: boolean[] = [];
  // A criterion without its figure fails: NaN compares false, as do missing values.
  if (target.p50MaxUs !== undefined) checks.push(Number(row.latency?.p50Us) <= target.p50MaxUs);
  if (target.p95MaxUs !== undefined) checks.push(Number(row.latency?.p95Us) <= target.p95MaxUs);
  if (target.p99MaxUs !== undefined) checks.push(Number(row.latency?.p99Us) <= target.p99MaxUs);
  if (target.minPerSecond !== undefined) checks.push(Number(row.perSecond) >= target.minPerSecond);
  if (target.maxErrors !== undefined) checks.push(Number(row.errors) <= target.maxErrors);
  return checks.every(Boolean) ? 'met' : 'MISSED';
}

/** `p99 ≤ 5.00 ms, ≥ 20,000/s, 0 errors` */
export function describeTarget(target: Target): string {
  const parts: string[] = [];
  if (target.p50MaxUs !== undefined) parts.push(`p50 ≤ ${formatUs(target.p50MaxUs)}`);
  if (target.p95MaxUs !== undefined) parts.push(`p95 ≤ ${formatUs(target.p95MaxUs)}`);
  if (target.p99MaxUs !== undefined) parts.push(`p99 ≤ ${formatUs(target.p99MaxUs)}`);
  if (target.minPerSecond !== undefined) parts.push(`≥ ${formatRate(target.minPerSecond)}`);
  if (target.maxErrors === 0) parts.push('0 errors');
  else if (target.maxErrors !== undefined) parts.push(`≤ ${target.maxErrors} errors`);
  return parts.join(', ');
}

/** The row's line, then one indented line per note. */
export function formatRow(row: ResultRow, verdict = judge(row)): string[] {
  const fields = [row.name.padEnd(36)];
  if (row.latency !== undefined) fields.push(formatLatency(row.latency));
  if (row.perSecond !== undefined) fields.push(formatRate(row.perSecond));
  if (row.errors !== undefined) fields.push(`${row.errors} errors`);
  if (row.target !== undefined) fields.push(`[target ${describeTarget(row.target)}: ${verdict}]`);
  const lines = [`  ${fields.join('   ')}`];
  if (row.invalidReason !== undefined) lines.push(`      INVALID: ${row.invalidReason}`);
  for (const note of row.notes ?? []) lines.push(`      ${note}`);
  return lines;
}

/**
 * Prints a benchmark's sections and rows as they come, then one `BENCH_JSON {…}` line with
 * every row, the machine and a timestamp.
 */
export class BenchReport {
  private readonly rows: RecordedRow[] = [];
  private currentSection: string;

  constructor(
    readonly bench: string,
    private readonly writeLine: (line: string) => void = (line) => {
      process.stdout.write(`${line}\n`);
    },
  ) {
    this.currentSection = bench;
  }

  section(title: string): void {
    this.currentSection = title;
    this.writeLine('');
    this.writeLine(`== ${title} ==`);
  }

  add(row: ResultRow): Verdict | undefined {
    const verdict = judge(row);
    this.rows.push({ section: this.currentSection, ...row, verdict });
    for (const line of formatRow(row, verdict)) this.writeLine(line);
    return verdict;
  }

  finish(details?: Record<string, unknown>): BenchRecord {
    const record: BenchRecord = {
      bench: this.bench,
      timestamp: new Date().toISOString(),
      machine: describeMachine(),
      allTargetsMet: this.rows.every((row) => row.verdict === undefined || row.verdict === 'met'),
      rows: this.rows,
      ...(details === undefined ? {} : { details }),
    };
    this.writeLine('');
    this.writeLine(`${BENCH_JSON_PREFIX}${JSON.stringify(record)}`);
    return record;
  }
}

/** Appends the record as a markdown section (ready for BENCHMARKS.md) to `file`. */
export function appendMarkdownResults(file: string, record: BenchRecord, command: string): void {
  appendFileSync(file, markdownSection(record, command));
}

export function markdownSection(record: BenchRecord, command: string): string {
  const lines = [
    `## ${record.bench} (${record.timestamp})`,
    '',
    `Machine: ${formatMachine(record.machine)}. Command: \`${command}\``,
  ];
  let section: string | undefined;
  for (const row of record.rows) {
    if (row.section !== section) {
      section = row.section;
      lines.push('', `### ${section}`, '', ...markdownTableHeader());
    }
    lines.push(markdownRow(row));
  }
  const notes = record.rows.flatMap((row) => [
    ...(row.invalidReason === undefined ? [] : [`${row.name}: INVALID: ${row.invalidReason}`]),
    ...(row.notes ?? []).map((note) => `${row.name}: ${note}`),
  ]);
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n\n`;
}

function markdownTableHeader(): string[] {
  return [
    '| result | P50 | P95 | P99 | throughput | errors | target | verdict |',
    '|---|---:|---:|---:|---:|---:|---|---|',
  ];
}

function markdownRow(row: RecordedRow): string {
  const cells = [
    row.name,
    row.latency === undefined ? '' : formatUs(row.latency.p50Us),
    row.latency === undefined ? '' : formatUs(row.latency.p95Us),
    row.latency === undefined ? '' : formatUs(row.latency.p99Us),
    row.perSecond === undefined ? '' : formatRate(row.perSecond),
    row.errors === undefined ? '' : String(row.errors),
    row.target === undefined ? '' : describeTarget(row.target),
    row.verdict ?? '',
  ];
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}
