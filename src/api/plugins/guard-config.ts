import { registerConfigSection } from '../../config/index.js';
import type { LeaseConflictDecision } from '../../guard/leases/lease-check.js';

/**
 * The guard's own sections of lighthouse.yaml, registered apart from the guard so that every
 * command checking the file knows them, not only the one that runs the guard.
 */

/** `guardAudit:` in lighthouse.yaml. */
interface GuardAuditSection {
  slaTargetMs?: number;
  approvalMinutes?: number;
}

export const readGuardAuditSection = registerConfigSection<GuardAuditSection>('guardAudit', {
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

/** `guardReviews:` in lighthouse.yaml. */
interface GuardReviewsSection {
  waitSeconds?: number;
  reviewMinutes?: number;
  capability?: string;
}

export const readGuardReviewsSection = registerConfigSection<GuardReviewsSection>('guardReviews', {
  type: 'object',
  additionalProperties: false,
  properties: {
    waitSeconds: {
      type: 'number',
      minimum: 0,
      maximum: 600,
      description:
        "how long a hook call waits for the experts before the rule's fallback answers (default 8); keep it below the hook's own timeout",
    },
    reviewMinutes: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 60,
      description: 'how long the experts have to decide a review (default 10)',
    },
    capability: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]*$',
      maxLength: 64,
      description: 'who reviews escalations whose rules name no capability (default security)',
    },
  },
});

/** `guardLeases:` in lighthouse.yaml. */
interface GuardLeasesSection {
  conflict?: LeaseConflictDecision;
}

export const readGuardLeasesSection = registerConfigSection<GuardLeasesSection>('guardLeases', {
  type: 'object',
  additionalProperties: false,
  properties: {
    conflict: {
      type: 'string',
      enum: ['ask', 'deny'],
      description: 'what a write into a path another agent leased exclusively gets (default ask)',
    },
  },
});
