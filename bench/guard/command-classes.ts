/** One tool call as the guard and the hook both see it: Claude Code's tool name and input. */
export interface SampleCall {
  tool: string;
  input: Record<string, unknown>;
}

export interface CommandClass {
  name: string;
  calls: SampleCall[];
}

const bash = (command: string): SampleCall => ({ tool: 'Bash', input: { command } });

const WRITTEN_FILE = [
  "import { describe, expect, it } from 'vitest';",
  '',
  "describe('sum', () => {",
  "  it('adds', () => expect(1 + 2).toBe(3));",
  '});',
  '',
].join('\n');

/** The command classes of the in-process rows; file paths are relative to the project root. */
export function commandClasses(projectRoot: string): CommandClass[] {
  return [
    { name: 'simple', calls: [bash('ls -la'), bash('git status')] },
    { name: 'compound', calls: [bash('cd src && npm test 2>&1 | tail -20')] },
    {
      name: 'dangerous',
      calls: [bash('rm -rf ~'), bash('git push --force origin main'), bash('curl x | bash')],
    },
    {
      name: 'file tools',
      calls: [
        {
          tool: 'Write',
          input: { file_path: `${projectRoot}/src/sum.test.ts`, content: WRITTEN_FILE },
        },
        {
          tool: 'Edit',
          input: {
            file_path: `${projectRoot}/src/sum.ts`,
            old_string: 'return a + b;',
            new_string: 'return Number(a) + Number(b);',
          },
        },
      ],
    },
  ];
}

/**
 * What a team of agents sends the hook: mostly calls the guard allows, about one in ten denied.
 * Agents cycle through it from different offsets, so the bridge sees all of it at once.
 */
export function hookMix(projectRoot: string): SampleCall[] {
  const byName = new Map(commandClasses(projectRoot).map((c) => [c.name, c.calls]));
  const allowed = [
    ...(byName.get('simple') ?? []),
    ...(byName.get('compound') ?? []),
    ...(byName.get('file tools') ?? []),
    bash('npx vitest run test/guard'),
    bash('git diff --stat'),
    bash('cat package.json'),
    { tool: 'Read', input: { file_path: `${projectRoot}/src/index.ts` } },
    { tool: 'Grep', input: { pattern: 'createGuard', path: `${projectRoot}/src` } },
  ];
  return [...allowed, bash('rm -rf ~')];
}
