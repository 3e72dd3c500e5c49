import { homedir } from 'node:os';
import type { Registry } from 'prom-client';
import type { AgentRegistry } from '../../agents/registry.js';
import { BOOTSTRAP_ADMIN } from '../../agents/service.js';
import { type BridgeConfig, registerConfigSection } from '../../config/index.js';
import { loadOrCreateSecret } from '../../events/secret.js';
import type { EventStore } from '../../events/store.js';
import { deriveApprovalKey } from '../../guard/audit/approval-code.js';
import { GuardAudit } from '../../guard/audit/service.js';
import { createGuard } from '../../guard/index.js';
import { registerGuardMetrics } from '../../metrics/guard.js';
import { SlaTracker } from '../../metrics/sla.js';
import type { GuardPluginOptions } from './guard.js';

export interface GuardSettings {
  /** The home directory the guard protects; the user's by default. */
  home?: string;
  /** Decision time target of the SLA tracker (default 100 ms). */
  slaTargetMs?: number;
  /** How long a denial's code can be approved, and an approval then lasts (default 10 minutes). */
  approvalTtlMs?: number;
  now?: () => number;
  /** Creates the guard engine; the real one by default. */
  createGuard?: typeof createGuard;
}

/** `guardAudit:` in lighthouse.yaml. */
interface GuardAuditSection {
  slaTargetMs?: number;
  approvalMinutes?: number;
}

const readGuardAuditSection = registerConfigSection<GuardAuditSection>('guardAudit', {
  type: 'object',
  additionalProperties: false,
  properties: {
    slaTargetMs: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'guard decision time target of the SLA figures, in milliseconds (default 100)',
    },
    approvalMinutes: {
      type: 'number',
      exclusiveMinimum: 0,
      description: 'how long a denial can be approved, and an approval lasts (default 10)',
    },
  },
});

/** The guard settings lighthouse.yaml gives. */
export function guardSettingsFrom(config: BridgeConfig): GuardSettings {
  const section = readGuardAuditSection(config) ?? {};
  return {
    slaTargetMs: section.slaTargetMs,
    approvalTtlMs:
      section.approvalMinutes === undefined ? undefined : section.approvalMinutes * 60_000,
  };
}

export interface OpenGuardOptions {
  store: EventStore;
  registry: Registry;
  agents: AgentRegistry;
  dataDir: string;
  projectRoot: string;
  settings?: GuardSettings;
}

export interface OpenedGuard {
  plugin: GuardPluginOptions;
  close(): Promise<void>;
}

/**
 * The guard as the bridge runs it: the engine watching its policy files, the audit with its read
 * models folded, and the decision metrics registered.
 */
export async function openGuard(options: OpenGuardOptions): Promise<OpenedGuard> {
  const settings = options.settings ?? {};
  const guard = (settings.createGuard ?? createGuard)({
    projectRoot: options.projectRoot,
    home: settings.home ?? homedir(),
    dataDir: options.dataDir,
    watch: true,
  });
  const sla = new SlaTracker({ targetMs: settings.slaTargetMs });
  let audit: GuardAudit;
  try {
    audit = await GuardAudit.open({
      store: options.store,
      engine: guard,
      approvalKey: deriveApprovalKey(loadOrCreateSecret(options.dataDir)),
      approvalTtlMs: settings.approvalTtlMs,
      now: settings.now,
      onJudged: registerGuardMetrics(options.registry, sla),
    });
  } catch (error) {
    guard.close();
    throw error;
  }
  const { agents } = options;
  return {
    plugin: {
      audit,
      guard,
      sla,
      projectRoot: options.projectRoot,
      resolveAgent: (nameOrId) =>
        nameOrId === BOOTSTRAP_ADMIN.name
          ? BOOTSTRAP_ADMIN.agentId
          : agents.find(nameOrId)?.agentId,
    },
    close: async () => {
      await audit.close();
      guard.close();
    },
  };
}
