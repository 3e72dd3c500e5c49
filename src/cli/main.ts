#!/usr/bin/env node
import { Command, Option } from 'commander';
import { ROLES } from '../agents/principal.js';
import { withClientOptions } from './client-options.js';
import { withConfigOptions, withServerOptions } from './config-options.js';
import { runCli } from './run.js';

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

await program.parseAsync(process.argv);
