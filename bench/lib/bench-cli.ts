import { BridgeError, InvalidInputError } from '../../src/events/errors.js';
import { appendMarkdownResults, type BenchReport } from './report.js';

export interface BenchArgs {
  quick: boolean;
  markdownFile: string | undefined;
}

/** `[--quick] [--markdown FILE]`, the options every benchmark takes; anything else is refused. */
export function parseBenchArgs(args: readonly string[], usage: string): BenchArgs {
  let quick = false;
  let markdownFile: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--quick') {
      quick = true;
    } else if (arg === '--markdown') {
      markdownFile = args[++index];
      if (markdownFile === undefined || markdownFile.startsWith('--')) {
        throw new InvalidInputError(`--markdown needs a file name\n${usage}`);
      }
    } else {
      throw new InvalidInputError(`unknown argument ${arg}\n${usage}`, { arg });
    }
  }
  return { quick, markdownFile };
}

/** Prints the BENCH_JSON record and, when asked, appends the markdown section with its command. */
export function finishBench(
  report: BenchReport,
  args: BenchArgs,
  command: string,
  details: Record<string, unknown>,
): void {
  const record = report.finish(details);
  if (args.markdownFile !== undefined) {
    appendMarkdownResults(
      args.markdownFile,
      record,
      `${command}${args.quick ? ' -- --quick' : ''}`,
    );
  }
}

/** Runs a benchmark's main, reporting a failure on stderr with exit code 1. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const why =
      error instanceof BridgeError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`${name} failed: ${why}\n`);
    process.exitCode = 1;
  });
}
