import type { DomainEvent } from '../../events/decider.js';
import type { JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';

/** One stream per task: `$task-<taskId>`. */
export const TASK_STREAM_PREFIX = '$task-';

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type TaskDispatched = DomainEvent<
  'TaskDispatched',
  {
    taskId: string;
    by: AgentRef;
    /** Who may claim it: an address. */
    to: string;
    title: string;
    description: string;
    input: JsonValue;
    /** Tasks that must be completed before this one can be claimed. */
    blockedBy: string[];
    /** How long a claim lasts without progress before the task is reopened. */
    claimTimeoutSeconds: number;
    dispatchedAt: string;
  }
>;

export type TaskClaimed = DomainEvent<
  'TaskClaimed',
  { by: AgentRef; claimedAt: string; claimExpiresAt: string }
>;

/** Progress also renews the claim. */
export type TaskProgressed = DomainEvent<
  'TaskProgressed',
  {
    by: AgentRef;
    note: string;
    percent: number | null;
    progressedAt: string;
    claimExpiresAt: string;
  }
>;

export type TaskCompleted = DomainEvent<
  'TaskCompleted',
  { by: AgentRef; result: JsonValue; completedAt: string }
>;

export type TaskFailed = DomainEvent<
  'TaskFailed',
  { by: AgentRef; error: string; failedAt: string }
>;

export type TaskReleased = DomainEvent<
  'TaskReleased',
  { by: AgentRef; reason: string; releasedAt: string }
>;

/** A claim ran out without progress: the task is open again. */
export type TaskClaimExpired = DomainEvent<
  'TaskClaimExpired',
  { claimant: AgentRef; expiredAt: string }
>;

export type TaskEvent =
  | TaskDispatched
  | TaskClaimed
  | TaskProgressed
  | TaskCompleted
  | TaskFailed
  | TaskReleased
  | TaskClaimExpired;

export function taskStreamId(taskId: string): string {
  return `${TASK_STREAM_PREFIX}${taskId}`;
}
