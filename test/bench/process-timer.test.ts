import { describe, expect, it } from 'vitest';
import { timeNodeStartFloor, timeProcess } from '../../bench/lib/process-timer.js';

describe('timeProcess', () => {
  it('times each run of a trivial command', async () => {
    const summary = await timeProcess({
      command: process.execPath,
      args: ['-e', ''],
      runs: 2,
      warmupRuns: 0,
    });
    expect(summary.count).toBe(2);
    expect(summary.minUs).toBeGreaterThan(0);
  });

  it('feeds stdin and checks the exit code', async () => {
    const echoCheck =
      "let s='';process.stdin.on('data',(d)=>s+=d).on('end',()=>process.exit(s==='ping'?2:1))";
    const summary = await timeProcess({
      command: process.execPath,
      args: ['-e', echoCheck],
      input: 'ping',
      runs: 2,
      warmupRuns: 0,
      expectExitCode: 2,
    });
    expect(summary.count).toBe(2);
  });

  it('fails with the stderr of a run that exits unexpectedly', async () => {
    await expect(
      timeProcess({
        command: process.execPath,
        args: ['-e', "console.error('broken hook'); process.exit(3)"],
        runs: 1,
      }),
    ).rejects.toMatchObject({
      code: 'unexpected_exit',
      message: expect.stringContaining('exited with 3, expected exit 0: broken hook'),
    });
  });

  it('fails when the command does not exist', async () => {
    await expect(
      timeProcess({ command: '/nonexistent/command', runs: 1, warmupRuns: 0 }),
    ).rejects.toMatchObject({ code: 'spawn_failed' });
  });
});

describe('timeNodeStartFloor', () => {
  it('times bare node starts', async () => {
    expect((await timeNodeStartFloor(1)).count).toBe(1);
  });
});
