import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Task = () => void | Promise<void>;

/**
 * What the run must undo whatever happens: child processes to stop, stores and clients to
 * close, temp directories to remove. Each task runs at most once, newest first.
 */
export class Cleanup {
  private readonly tasks: Array<() => Promise<void>> = [];
  private running: Promise<string[]> | undefined;

  /** Registers `task` and returns it as a run-once function, for undoing it early. */
  add(task: Task): () => Promise<void> {
    let done: Promise<void> | undefined;
    const once = (): Promise<void> => {
      done ??= (async () => task())();
      return done;
    };
    this.tasks.push(once);
    return once;
  }

  /** A fresh directory under the system temp dir, removed at cleanup. */
  tempDir(label: string): string {
    const dir = mkdtempSync(join(tmpdir(), `lighthouse-bench-${label}-`));
    this.add(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** Runs every task, even when some fail; returns the failures' messages. */
  runAll(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      for (const task of this.tasks.splice(0).reverse()) {
        try {
          await task();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      return failures;
    })();
    return this.running;
  }

  /**
   * Cleans up before the process dies of SIGINT, SIGTERM or an error nobody caught, so that no
   * child process or temp directory outlives the run.
   */
  cleanUpOnExit(): void {
    const exitAfterCleanup = (why: string, code: number): void => {
      process.stderr.write(`${why}: cleaning up\n`);
      void this.runAll().finally(() => process.exit(code));
    };
    process.once('SIGINT', () => exitAfterCleanup('SIGINT', 130));
    process.once('SIGTERM', () => exitAfterCleanup('SIGTERM', 143));
    process.once('uncaughtException', (error) => exitAfterCleanup(String(error.stack), 1));
    process.once('unhandledRejection', (reason) =>
      exitAfterCleanup(`unhandled rejection: ${String(reason)}`, 1),
    );
  }
}
