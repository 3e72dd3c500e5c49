import type { Command, OptionValues } from 'commander';
import type { BridgeClient, CoordinationClient } from '../client/index.js';
import { withClientOptions } from './client-options.js';
import { json } from './output.js';
import { runCli } from './run.js';

/**
 * Exit code of a command whose answer is no: a question closed without an answer, a path another
 * agent holds. Errors exit 1.
 */
export const NEGATIVE_EXIT_CODE = 2;

/** What the body of a command that talks to the bridge gets. */
export interface Bridge {
  client: BridgeClient;
  coordination: CoordinationClient;
  /** The command's options, its parents' included. */
  flags: OptionValues;
  /** Prints `value` as JSON under --json, else the lines `render` makes of it. */
  show<T>(value: T, render: (value: T) => string | readonly string[]): void;
}

/** A subcommand of `parent` with the client options and --json. */
export function bridgeCommand(parent: Command, spec: string, description: string): Command {
  return withClientOptions(parent.command(spec).description(description)).option(
    '--json',
    "print the bridge's answer as JSON",
  );
}

/**
 * Runs `body` with the command's arguments when the command is invoked; failures become one
 * line on stderr (the bridge's message, status and code) and exit code 1.
 */
export function onBridge<Args extends unknown[]>(
  command: Command,
  body: (bridge: Bridge, ...args: Args) => Promise<void>,
): Command {
  return command.action((...parameters: unknown[]) => {
    const invoked = parameters.at(-1) as Command;
    // A parent with options of its own (`lease`) takes them before handing over to a subcommand.
    const flags = invoked.optsWithGlobals();
    const args = parameters.slice(0, -2) as Args;
    return runCli(async (client) => {
      const { CoordinationClient } = await import('../client/index.js');
      const show: Bridge['show'] = (value, render) => {
        const output = flags.json ? json(value) : render(value);
        const lines = typeof output === 'string' ? [output] : output;
        if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
      };
      await body({ client, coordination: new CoordinationClient(client), flags, show }, ...args);
    }, flags);
  });
}
