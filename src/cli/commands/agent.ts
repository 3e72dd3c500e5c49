import type { BridgeClient } from '../../client/index.js';
import type { RegisterAgentRequest } from '../../client/types.js';

export async function addAgent(client: BridgeClient, agent: RegisterAgentRequest): Promise<void> {
  const credentials = await client.registerAgent(agent);
  process.stderr.write(
    `agent ${credentials.name} (${credentials.role}) registered as ${credentials.agentId}\n`,
  );
  process.stdout.write(`${credentials.token}\n`);
}

export async function listAgents(client: BridgeClient, json: boolean): Promise<void> {
  const agents = await client.listAgents();
  if (json) {
    process.stdout.write(`${JSON.stringify(agents, null, 2)}\n`);
    return;
  }
  for (const agent of agents) {
    const capabilities = agent.capabilities.length > 0 ? ` [${agent.capabilities.join(', ')}]` : '';
    process.stdout.write(
      `${agent.name}\t${agent.role}\t${agent.agentId}\t${agent.activeTokens} token(s)${capabilities}\n`,
    );
  }
}

export async function issueToken(client: BridgeClient, agent: string): Promise<void> {
  const credentials = await client.issueToken(agent);
  process.stdout.write(`${credentials.token}\n`);
}

export async function revokeTokens(client: BridgeClient, agent: string): Promise<void> {
  const revoked = await client.revokeTokens(agent);
  process.stdout.write(`revoked ${revoked.revoked} token(s) of ${revoked.name}\n`);
}
