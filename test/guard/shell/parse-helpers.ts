import { expect } from 'vitest';
import { parseShell, type SimpleCommand } from '../../../src/guard/shell/index.js';

/** The commands of `source`, failing the test when it does not parse. */
export function commandsOf(source: string, maxDepth?: number): SimpleCommand[] {
  const parsed = parseShell(source, maxDepth === undefined ? {} : { maxDepth });
  if (!parsed.ok) expect.fail(`${JSON.stringify(source)} did not parse: ${parsed.error.message}`);
  return parsed.commands;
}

/** Each command as its argv texts joined by spaces (a null name shows as an empty string). */
export function argvLines(source: string): string[] {
  return commandsOf(source).map((command) => command.argv.map((word) => word.text).join(' '));
}

/** The names of the commands found, in order. */
export function namesOf(source: string): string[] {
  return commandsOf(source).map((command) => command.name?.text ?? '');
}

/** The only command of `source` whose name is `name`. */
export function commandNamed(source: string, name: string): SimpleCommand {
  const found = commandsOf(source).filter((command) => command.name?.text === name);
  expect(found, `${name} in ${JSON.stringify(source)}`).toHaveLength(1);
  return found[0] as SimpleCommand;
}
