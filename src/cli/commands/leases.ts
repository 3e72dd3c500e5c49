import type { Command } from 'commander';
import type { Lease } from '../../client/index.js';
import { bridgeCommand, NEGATIVE_EXIT_CODE, onBridge } from '../bridge-command.js';
import { fields, table, time } from '../output.js';
import { durationMs } from '../values.js';

function modeOf(lease: Lease): string {
  return lease.exclusive ? 'exclusive' : 'shared';
}

function seconds(durationMs: number | undefined): number | undefined {
  return durationMs === undefined ? undefined : durationMs / 1000;
}

function describeLease(lease: Lease): string[] {
  return fields([
    ['Lease', lease.leaseId],
    ['Holder', lease.holder.name],
    ['Paths', lease.paths.join(' ')],
    ['Mode', modeOf(lease)],
    ['Reason', lease.reason],
    ['Acquired', time(lease.acquiredAt)],
    ['Expires', time(lease.expiresAt)],
  ]);
}

export function registerLeaseCommands(program: Command): void {
  const lease = onBridge(
    bridgeCommand(
      program,
      'lease <paths...>',
      'lease files or globs so other agents hold back their writes',
    )
      .addHelpText(
        'after',
        '\nA path spelled like a subcommand (show, renew, release, check) needs ./ in front.',
      )
      .option('--shared', 'let other agents lease them too (default exclusive)')
      .option(
        '--ttl <duration>',
        'how long it lasts, e.g. 10m (default 1h, at most 24h)',
        durationMs,
      )
      .option('--reason <text>', 'why, shown to agents held back'),
    async (bridge, paths: string[]) => {
      const { flags } = bridge;
      const acquired = await bridge.coordination.leases.acquire({
        paths,
        exclusive: !flags.shared,
        ttlSeconds: seconds(flags.ttl),
        reason: flags.reason,
      });
      bridge.show(
        acquired,
        (held) =>
          `leased ${held.paths.join(' ')} (${modeOf(held)}) as ${held.leaseId} until ${time(held.expiresAt)}`,
      );
    },
  );

  onBridge(bridgeCommand(lease, 'show <id>', 'show a lease'), async (bridge, id: string) => {
    bridge.show(await bridge.coordination.leases.get(id), describeLease);
  });

  onBridge(
    bridgeCommand(lease, 'renew <id>', 'extend your lease from now').option(
      '--ttl <duration>',
      "for how long (default: the lease's time to live)",
      durationMs,
    ),
    async (bridge, id: string) => {
      const renewed = await bridge.coordination.leases.renew(id, seconds(bridge.flags.ttl));
      bridge.show(renewed, (held) => `renewed ${held.leaseId} until ${time(held.expiresAt)}`);
    },
  );

  onBridge(
    bridgeCommand(lease, 'release <id>', 'release your lease')
      .option(
        '--force',
        "release another agent's lease (an admin, or anyone when its holder is offline)",
      )
      .option('--reason <text>', 'why it was forced'),
    async (bridge, id: string) => {
      const { flags } = bridge;
      const released = flags.force
        ? await bridge.coordination.leases.forceRelease(id, flags.reason)
        : await bridge.coordination.leases.release(id);
      bridge.show(released, (release) => `released ${release.leaseId}`);
    },
  );

  onBridge(
    bridgeCommand(lease, 'check <path>', 'whether another agent holds a path; exit 2 when it does'),
    async (bridge, path: string) => {
      const check = await bridge.coordination.leases.check(path);
      if (check.lease) process.exitCode = NEGATIVE_EXIT_CODE;
      bridge.show(check, ({ lease: held }) =>
        held
          ? `${path} is held by ${held.holder.name} (lease ${held.leaseId}, until ${time(held.expiresAt)}${held.reason ? `: ${held.reason}` : ''})`
          : `${path} is free`,
      );
    },
  );

  onBridge(
    bridgeCommand(program, 'leases', 'list the live leases').option(
      '--holder <agent>',
      'only those of this agent',
    ),
    async (bridge) => {
      const leases = await bridge.coordination.leases.list(bridge.flags.holder);
      bridge.show(leases, (listed) => {
        if (listed.length === 0) return 'no leases';
        const rows = listed.map((held) => [
          held.leaseId,
          held.holder.name,
          modeOf(held),
          time(held.expiresAt),
          held.paths.join(' '),
        ]);
        return table(['ID', 'HOLDER', 'MODE', 'EXPIRES', 'PATHS'], rows);
      });
    },
  );
}
