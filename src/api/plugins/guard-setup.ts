import { homedir } from 'node:os';
import type { Registry } from 'prom-client';
import type { AgentRegistry } from '../../agents/registry.js';
import { BOOTSTRAP_ADMIN } from '../../agents/service.js';
import type { BridgeConfig } from '../../config/index.js';
import type { Coordination } from '../../coordination/open-coordination.js';
import { loadOrCreateSecret } from '../../events/secret.js';
import type { EventStore } from '../../events/store.js';
import { deriveApprovalKey } from '../../guard/audit/approval-code.js';
import { GuardAudit } from '../../guard/audit/service.js';
import { createGuard } from '../../guard/index.js';
import type { LeaseConflictDecision } from '../../guard/leases/lease-check.js';
import { ReviewGate } from '../../guard/reviews/review-gate.js';
import { registerGuardMetrics } from '../../metrics/guard.js';
import { SlaTracker } from '../../metrics/sla.js';
import type { GuardPluginOptions } from './guard.js';
import {
  readGuardAuditSection,
  readGuardLeasesSection,
  readGuardReviewsSection,
} from './guard-config.js';
import { reviewerOf } from './guard-reviewer.js';

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
  /** How long a hook call waits for the experts' review of an escalation (default 8 s). */
  reviewWaitMs?: number;
  /** How long experts have to decide a review; then its fallback applies (default 10 minutes). */
  reviewTimeoutMs?: number;
  /** Who reviews escalations whose rules name no capability (default `security`). */
  reviewCapability?: string;
  /** What a write into a path another agent leased exclusively gets (default ask). */
  leaseConflict?: LeaseConflictDecision;
}

function scaled(value: number | undefined, unitMs: number): number | undefined {
  return value === undefined ? undefined : Math.round(value * unitMs);
}

/** The guard settings lighthouse.yaml gives. */
export function guardSettingsFrom(config: BridgeConfig): GuardSettings {
  const section = readGuardAuditSection(config) ?? {};
  const reviews = readGuardReviewsSection(config) ?? {};
  return {
    slaTargetMs: section.slaTargetMs,
    approvalTtlMs: scaled(section.approvalMinutes, 60_000),
    reviewWaitMs: scaled(reviews.waitSeconds, 1000),
    reviewTimeoutMs: scaled(reviews.reviewMinutes, 60_000),
    reviewCapability: reviews.capability,
    leaseConflict: readGuardLeasesSection(config)?.conflict,
  };
}

export interface OpenGuardOptions {
  store: EventStore;
  registry: Registry;
  agents: AgentRegistry;
  dataDir: string;
  projectRoot: string;
  settings?: GuardSettings;
  /** Reviews settle escalations and leases hold writes back; without it, escalations ask. */
  coordination?: Pick<Coordination, 'reviews' | 'leases'>;
}

export interface OpenedGuard {
  plugin: GuardPluginOptions;
  /** Ends the waits of calls held for a review, so they answer now (before the server closes). */
  stopWaiting(): void;
  close(): Promise<void>;
}

/**
 * The guard as the bridge runs it: the engine watching its policy files and consulting the
 * leases, the audit with its read models folded and escalations going to the experts' reviews,
 * and the decision metrics registered.
 */
export async function openGuard(options: OpenGuardOptions): Promise<OpenedGuard> {
  const settings = options.settings ?? {};
  const { coordination } = options;
  const guard = (settings.createGuard ?? createGuard)({
    projectRoot: options.projectRoot,
    home: settings.home ?? homedir(),
    dataDir: options.dataDir,
    watch: true,
    leases: coordination?.leases,
    leaseConflict: settings.leaseConflict,
  });
  const reviews =
    coordination &&
    new ReviewGate({
      reviewer: reviewerOf(coordination.reviews, options.agents),
      waitMs: settings.reviewWaitMs,
      reviewTimeoutMs: settings.reviewTimeoutMs,
      capability: settings.reviewCapability,
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
      reviews,
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
    stopWaiting: () => reviews?.stop(),
    close: async () => {
      reviews?.stop();
      await audit.close();
      guard.close();
    },
  };
}
