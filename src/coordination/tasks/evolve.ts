import type { JsonValue } from '../../events/envelope.js';
import type { AgentRef } from '../actor.js';
import type { TaskDispatched, TaskEvent, TaskStatus } from './events.js';

export type TaskProgress = { note: string; percent: number | null; at: string };

export type Task = TaskDispatched['data'] & {
  status: TaskStatus;
  claimant: AgentRef | null;
  claimedAt: string | null;
  claimExpiresAt: string | null;
  progress: TaskProgress | null;
  result: JsonValue;
  error: string | null;
  closedAt: string | null;
  /** How many times it has been claimed. */
  claims: number;
};

export type TaskState = Task | null;

export function initialTaskState(): TaskState {
  return null;
}

const UNCLAIMED = { claimant: null, claimedAt: null, claimExpiresAt: null, progress: null };

export function evolveTask(state: TaskState, event: TaskEvent): TaskState {
  if (event.type === 'TaskDispatched') {
    return {
      ...event.data,
      status: 'open',
      ...UNCLAIMED,
      result: null,
      error: null,
      closedAt: null,
      claims: 0,
    };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'TaskClaimed':
      return {
        ...state,
        status: 'claimed',
        claimant: event.data.by,
        claimedAt: event.data.claimedAt,
        claimExpiresAt: event.data.claimExpiresAt,
        progress: null,
        claims: state.claims + 1,
      };
    case 'TaskProgressed': {
      const { note, percent, progressedAt, claimExpiresAt } = event.data;
      return { ...state, claimExpiresAt, progress: { note, percent, at: progressedAt } };
    }
    case 'TaskCompleted':
      return {
        ...state,
        status: 'completed',
        result: event.data.result,
        closedAt: event.data.completedAt,
      };
    case 'TaskFailed':
      return { ...state, status: 'failed', error: event.data.error, closedAt: event.data.failedAt };
    case 'TaskReleased':
    case 'TaskClaimExpired':
      return { ...state, status: 'open', ...UNCLAIMED };
    default:
      return state;
  }
}

export function isClosed(task: Task): boolean {
  return task.status === 'completed' || task.status === 'failed';
}
