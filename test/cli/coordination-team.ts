import { expect } from 'vitest';
import { type MemberSpec, registerTeam, type TeamMember } from '../api/coordination/team.js';
import { type TestBridge, useBridges } from '../api/harness.js';
import { type CliResult, runCli } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

/** Runs the CLI as one agent of the team: its token and the bridge's URL in the environment. */
export type AgentCli = (args: string[], input?: string) => Promise<CliResult>;

export interface CliTeam {
  bridge: TestBridge;
  /** The working directory the commands run in (and where files they read or write go). */
  cwd: string;
  team: Record<string, TeamMember>;
  as: (name: string) => AgentCli;
  /** The bootstrap admin. */
  admin: AgentCli;
}

export const TEAM: readonly MemberSpec[] = [
  { name: 'alice', role: 'builder' },
  { name: 'bob', role: 'builder' },
  { name: 'sec', role: 'expert', capabilities: ['security'] },
  { name: 'olly', role: 'observer' },
];

/** A bridge with the team registered, and the CLI pointed at it per agent. */
export function useCliTeam(): (specs?: readonly MemberSpec[]) => Promise<CliTeam> {
  const start = useBridges();
  const tempDir = useTempDirs();
  return async (specs = TEAM) => {
    const bridge = await start();
    const team = await registerTeam(bridge, specs);
    const cwd = tempDir();
    const cli =
      (token: string): AgentCli =>
      (args, input) =>
        runCli(args, { cwd, input, env: { LIGHTHOUSE_URL: bridge.url, LIGHTHOUSE_TOKEN: token } });
    const as = (name: string) => {
      const member = team[name];
      if (!member) throw new Error(`no team member ${name}`);
      return cli(member.token);
    };
    return { bridge, cwd, team, as, admin: cli(bridge.adminToken) };
  };
}

/** Stdout of a run that must succeed. */
export function succeeded(result: CliResult): string {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** The parsed stdout of a `--json` run that must succeed. */
// biome-ignore lint/suspicious/noExplicitAny: answers are inspected freely in tests
export function jsonOf(result: CliResult): any {
  return JSON.parse(succeeded(result));
}

/** A failed run: exit 1, nothing on stdout, one line on stderr with the bridge's message and code. */
export function failedWith(result: CliResult, status: number, code: string, message: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim()).toMatch(
    new RegExp(`^lighthouse-bridge: .* \\(${status} ${code}\\)$`),
  );
}
