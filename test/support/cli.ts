import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI to its end; `input`, when given, is its stdin. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A child may exit without reading its input; that is its answer, not a test failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ServingCli {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `lighthouse-bridge serve` and waits until it says where it listens; killed after the test. */
export function useServe(): (
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
) => Promise<ServingCli> {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  return (args, options) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'serve', ...args], {
        cwd: options.cwd,
        env: { ...process.env, LIGHTHOUSE_LOG_LEVEL: 'warn', ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.stderr.on('data', (chunk) => {
        stderr += chunk;
        const listening = /listening on (http:\/\/\S+)/.exec(stderr);
        if (listening?.[1]) resolve({ child, url: listening[1], stderr: () => stderr, exited });
      });
      exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
}
