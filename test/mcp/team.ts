import { afterEach } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import { registerTeam } from '../api/coordination/team.js';
import { type TestBridge, useBridges } from '../api/harness.js';
import {
  type ClientSetup,
  type ConnectOptions,
  connectClient,
  type TestClient,
} from './clients.js';

/** The agents every MCP test works with; `expert-1` is the one the clients connect as. */
const MEMBERS = [
  { name: 'expert-1', role: 'expert', capabilities: ['security'] },
  { name: 'builder-2', role: 'builder' },
  { name: 'observer-3', role: 'observer' },
] as const;

export type MemberName = (typeof MEMBERS)[number]['name'];

export interface McpTeam {
  bridge: TestBridge;
  /** The agent as the services take it, for acting on its behalf directly. */
  principal(name: MemberName): Principal;
  token(name: MemberName): string;
  /** An official client connected as the agent; closed after the test. */
  connect(
    setup: ClientSetup,
    name?: MemberName,
    options?: Pick<ConnectOptions, 'elicitation'>,
  ): Promise<TestClient>;
}

/** A bridge on a random port with the team registered; clients and bridge end with the test. */
export function useMcpTeam(): () => Promise<McpTeam> {
  const startBridge = useBridges();
  const clients: TestClient[] = [];
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((client) => client.close()));
  });
  return async () => {
    const bridge = await startBridge();
    const members = await registerTeam(bridge, MEMBERS);
    const member = (name: MemberName) => members[name] as (typeof members)[string];
    return {
      bridge,
      principal: (name) => {
        const spec = MEMBERS.find((candidate) => candidate.name === name);
        return { agentId: member(name).agentId, name, role: spec?.role ?? 'observer' };
      },
      token: (name) => member(name).token,
      connect: async (setup, name = 'expert-1', options = {}) => {
        const client = await connectClient(setup, {
          url: bridge.url,
          token: member(name).token,
          ...options,
        });
        clients.push(client);
        return client;
      },
    };
  };
}
