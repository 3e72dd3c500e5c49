import type { Command } from 'commander';
import { bridgeCommand, onBridge } from '../bridge-command.js';
import { fields, table, time } from '../output.js';

export function registerPresenceCommands(program: Command): void {
  onBridge(
    bridgeCommand(program, 'whoami', 'show the agent your token stands for'),
    async (bridge) => {
      const me = await bridge.coordination.presence.me();
      bridge.show(me, (entry) =>
        fields([
          ['Agent', entry.name],
          ['Id', entry.agentId],
          ['Role', entry.role],
          ['Capabilities', entry.capabilities.join(', ')],
          ['Description', entry.description],
          [
            'Presence',
            `${entry.status}${entry.lastSeenAt ? `, last seen ${time(entry.lastSeenAt)}` : ''}`,
          ],
        ]),
      );
    },
  );

  onBridge(
    bridgeCommand(program, 'agents', 'list the agents with their presence'),
    async (bridge) => {
      const agents = await bridge.coordination.presence.directory();
      bridge.show(agents, (listed) => {
        if (listed.length === 0) return 'no agents';
        const rows = listed.map((agent) => [
          agent.name,
          agent.role,
          agent.status,
          time(agent.lastSeenAt) || 'never',
          agent.capabilities.join(', '),
        ]);
        return table(['NAME', 'ROLE', 'PRESENCE', 'LAST SEEN', 'CAPABILITIES'], rows);
      });
    },
  );
}
