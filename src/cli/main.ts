#!/usr/bin/env node
import { DEFAULT_BRIDGE_URL, HOOK_USAGE, handOffHook } from './commands/hook.js';
import { handOffMcp, MCP_USAGE } from './commands/mcp.js';

// `hook` runs once per agent tool call: it answers and exits before commander and the rest load.
await handOffHook(process.argv);
// `mcp` serves an MCP client on stdio for as long as it runs; it needs none of the rest either.
await handOffMcp(process.argv);
const { Command, Option } = await import('commander');
const { ROLES } = await import('../agents/principal.js');
const { withClientOptions } = await import('./client-options.js');
const { withConfigOptions, withServerOptions } = await import('./config-options.js');
const { runCli } = await import('./run.js');

const program = new Command('lighthouse-bridge')
  .description('Coordination bridge for teams of AI coding agents')
  .showHelpAfterError();

withServerOptions(
  program.command('serve').description('run the bridge (HTTP API on 127.0.0.1:8765)'),
).action((flags) =>
  runCli(async () => {
    const { configFrom } = await import('./config-options.js');
    const { runServe } = await import('./commands/serve.js');
    await runServe(configFrom(flags));
  }),
);

withConfigOptions(
  program.command('verify').description('check the event chain, every blob and the database files'),
)
  .option('--json', 'print the report as JSON')
  .action((flags) =>
    runCli(async () => {
      const { configFrom } = await import('./config-options.js');
      const { runVerify } = await import('./commands/verify.js');
      process.exitCode = runVerify({ dataDir: configFrom(flags).dataDir, json: flags.json });
    }),
  );

const agent = program.command('agent').description('manage agent identities and tokens');

withClientOptions(agent.command('add <name>').description('register an agent and print its token'))
  .addOption(new Option('--role <role>', 'role of the agent').choices(ROLES).makeOptionMandatory())
  .option('--capability <name...>', 'capabilities the agent offers')
  .option('--description <text>', 'what the agent does')
  .action((name: string, flags) =>
    runCli(async (client) => {
      const { addAgent } = await import('./commands/agent.js');
      await addAgent(client, {
        name,
        role: flags.role,
        capabilities: flags.capability,
        description: flags.description,
      });
    }, flags),
  );

withClientOptions(agent.command('list').description('list registered agents'))
  .option('--json', 'print JSON')
  .action((flags) =>
    runCli(async (client) => {
      const { listAgents } = await import('./commands/agent.js');
      await listAgents(client, Boolean(flags.json));
    }, flags),
  );

withClientOptions(
  agent.command('token <agent>').description('issue another token to an agent'),
).action((name: string, flags) =>
  runCli(async (client) => {
    const { issueToken } = await import('./commands/agent.js');
    await issueToken(client, name);
  }, flags),
);

withClientOptions(
  agent.command('revoke <agent>').description('revoke every token of an agent'),
).action((name: string, flags) =>
  runCli(async (client) => {
    const { revokeTokens } = await import('./commands/agent.js');
    await revokeTokens(client, name);
  }, flags),
);

withConfigOptions(
  program
    .command('explain <command>')
    .description('show which guard rules a shell command matches, on which words, and why'),
)
  .option('--cwd <dir>', 'directory the command would run in (default: the working directory)')
  .option('--json', 'print the explanation as JSON')
  .action((command: string, flags) =>
    runCli(async () => {
      const { configFrom } = await import('./config-options.js');
      const { explainCommand } = await import('./commands/explain.js');
      const config = configFrom(flags);
      explainCommand({
        command,
        cwd: flags.cwd ?? process.cwd(),
        projectRoot: config.projectRoot,
        dataDir: config.dataDir,
        json: Boolean(flags.json),
      });
    }),
  );

const policy = program.command('policy').description('work with the guard policy');

withConfigOptions(
  policy
    .command('test <cases>')
    .description('run a JSONL table of guard cases; print every miss, exit 1 on any'),
).action((cases: string, flags) =>
  runCli(async () => {
    const { configFrom } = await import('./config-options.js');
    const { testPolicy } = await import('./commands/policy.js');
    const config = configFrom(flags);
    process.exitCode = testPolicy({
      casesFile: cases,
      projectRoot: config.projectRoot,
      dataDir: config.dataDir,
    });
  }),
);

// Handed off before commander loads; listed here for --help only.
program.addHelpText(
  'after',
  `\nClaude Code hook (command form):\n  ${HOOK_USAGE}\n\nMCP over stdio:\n  ${MCP_USAGE}`,
);

const install = program.command('install').description('install the guard into a client');

install
  .command('claude-code')
  .description("write the guard's hooks into a project's .claude/settings.json")
  .option('--project <dir>', 'the project (default: the working directory)')
  .option('--url <url>', 'the bridge URL (default: LIGHTHOUSE_URL, else http://127.0.0.1:8765)')
  .option('--check', 'check the existing settings instead of writing them')
  .option('--command', 'install the command form (lighthouse-bridge hook) instead of HTTP hooks')
  .option('--bin <path>', 'the executable --command runs (default: lighthouse-bridge)')
  .action((flags) =>
    runCli(async () => {
      const { checkClaudeCode, installClaudeCode } = await import('./commands/install.js');
      const project = flags.project ?? process.cwd();
      if (flags.check) {
        process.exitCode = await checkClaudeCode({ project, url: flags.url });
        return;
      }
      installClaudeCode({
        project,
        url: flags.url ?? process.env.LIGHTHOUSE_URL ?? DEFAULT_BRIDGE_URL,
        command: Boolean(flags.command),
        bin: flags.bin,
      });
    }),
  );

withClientOptions(
  program.command('approve <code>').description('allow a denied call once, by its approval code'),
).action((code: string, flags) =>
  runCli(async (client) => {
    const { approveCode } = await import('./commands/approve.js');
    await approveCode(client, code);
  }, flags),
);

const { registerCoordinationCommands } = await import('./commands/coordination.js');
registerCoordinationCommands(program);

await program.parseAsync(process.argv);
