import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendMarkdownResults,
  BENCH_JSON_PREFIX,
  type BenchRecord,
  BenchReport,
  judge,
  type ResultRow,
} from '../../bench/lib/report.js';
import { summarize } from '../../bench/lib/stats.js';
import { useTempDirs } from '../support/temp-dir.js';

const latency = summarize([100, 200, 300, 400, 4000]);

describe('judge', () => {
  it.each<{ name: string; row: Omit<ResultRow, 'name'>; verdict: string | undefined }>([
    { name: 'no target', row: { latency }, verdict: undefined },
    { name: 'p99 under', row: { latency, target: { p99MaxUs: 5000 } }, verdict: 'met' },
    { name: 'p99 over', row: { latency, target: { p99MaxUs: 1000 } }, verdict: 'MISSED' },
    {
      name: 'p50 and p95',
      row: { latency, target: { p50MaxUs: 300, p95MaxUs: 4000 } },
      verdict: 'met',
    },
    {
      name: 'rate under',
      row: { perSecond: 900, target: { minPerSecond: 1000 } },
      verdict: 'MISSED',
    },
    { name: 'rate over', row: { perSecond: 1100, target: { minPerSecond: 1000 } }, verdict: 'met' },
    {
      name: 'errors',
      row: { latency, errors: 1, target: { p99MaxUs: 5000, maxErrors: 0 } },
      verdict: 'MISSED',
    },
    { name: 'no figure for a criterion', row: { target: { p99MaxUs: 5000 } }, verdict: 'MISSED' },
    {
      name: 'no samples',
      row: { latency: summarize([]), target: { p99MaxUs: 5000 } },
      verdict: 'MISSED',
    },
    {
      name: 'invalid',
      row: { latency, target: { p99MaxUs: 5000 }, invalidReason: 'generator fell behind' },
      verdict: 'INVALID',
    },
  ])('$name → $verdict', ({ name, row, verdict }) => {
    expect(judge({ name, ...row })).toBe(verdict);
  });
});

function captured(): { report: BenchReport; lines: string[] } {
  const lines: string[] = [];
  return { report: new BenchReport('demo bench', (line) => lines.push(line)), lines };
}

describe('BenchReport', () => {
  it('prints sections, rows with verdicts, and one BENCH_JSON line', () => {
    const { report, lines } = captured();
    report.section('floors');
    report.add({ name: 'fsync', latency });
    report.section('appends');
    expect(report.add({ name: 'single writer', latency, target: { p99MaxUs: 1000 } })).toBe(
      'MISSED',
    );
    report.add({
      name: 'http',
      latency,
      perSecond: 2000,
      errors: 0,
      target: { p99MaxUs: 5000, maxErrors: 0 },
      notes: ['send lag fine'],
    });
    const record = report.finish({ runs: 1 });

    const text = lines.join('\n');
    expect(text).toContain('== floors ==');
    expect(text).toMatch(/single writer .*p99 4\.00 ms.*\[target p99 ≤ 1\.00 ms: MISSED\]/);
    expect(text).toMatch(/http .*2,000\/s {3}0 errors {3}\[target p99 ≤ 5\.00 ms, 0 errors: met\]/);
    expect(text).toContain('      send lag fine');

    const jsonLines = lines.filter((line) => line.startsWith(BENCH_JSON_PREFIX));
    expect(jsonLines).toHaveLength(1);
    const parsed = JSON.parse((jsonLines[0] as string).slice(BENCH_JSON_PREFIX.length));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(record)));
    expect(parsed).toMatchObject({
      bench: 'demo bench',
      allTargetsMet: false,
      details: { runs: 1 },
      machine: { cores: cpus().length, node: process.version },
    });
    expect(Number.isNaN(Date.parse(parsed.timestamp))).toBe(false);
    expect(parsed.rows.map((row: { section: string; verdict?: string }) => row.section)).toEqual([
      'floors',
      'appends',
      'appends',
    ]);
    expect(parsed.rows[1].latency.p99Us).toBe(4000);
  });

  it('writes empty figures as null in the JSON record', () => {
    const { report, lines } = captured();
    report.add({ name: 'nothing', latency: summarize([]) });
    report.finish();
    const json = lines.find((line) => line.startsWith(BENCH_JSON_PREFIX)) as string;
    expect(JSON.parse(json.slice(BENCH_JSON_PREFIX.length)).rows[0].latency.p99Us).toBeNull();
  });
});

describe('appendMarkdownResults', () => {
  const tempDir = useTempDirs();

  it('appends a section with a table per report section, keeping what was there', () => {
    const { report } = captured();
    report.section('appends');
    report.add({ name: 'single writer', latency, target: { p99MaxUs: 5000 } });
    report.add({ name: 'a|b', perSecond: 20_000, invalidReason: 'too slow to tell' });
    const record: BenchRecord = report.finish();
    const file = join(tempDir(), 'results.md');
    appendMarkdownResults(file, record, 'npm run bench:events');
    appendMarkdownResults(file, record, 'npm run bench:events');

    const text = readFileSync(file, 'utf8');
    expect(text.match(/^## demo bench \(/gm)).toHaveLength(2);
    expect(text).toContain('Command: `npm run bench:events`');
    expect(text).toContain('### appends');
    expect(text).toContain('| result | P50 | P95 | P99 | throughput | errors | target | verdict |');
    expect(text).toContain(
      '| single writer | 300 µs | 4.00 ms | 4.00 ms |  |  | p99 ≤ 5.00 ms | met |',
    );
    expect(text).toContain('| a\\|b |  |  |  | 20,000/s |  |  |  |');
    expect(text).toContain('- a|b: INVALID: too slow to tell');
  });
});
