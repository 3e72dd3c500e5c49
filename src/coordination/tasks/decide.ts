import type { Decider } from '../../events/decider.js';
import { type Actor, type AgentRef, refOf } from '../actor.js';
import { formatAddress, parseAddress, reaches } from '../addresses.js';
import { CoordinationError, invalidInput, notFound } from '../errors.js';
import { checkIdList, checkJson, checkOptionalText, checkSeconds, checkText } from '../fields.js';
import { epochOf, isoAt } from '../time.js';
import type { TaskEvent } from './events.js';
import { evolveTask, initialTaskState, isClosed, type Task, type TaskState } from './evolve.js';

export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_NOTE_LENGTH = 4000;
export const MAX_TASK_JSON_BYTES = 256 * 1024;
export const MAX_BLOCKERS = 50;
export const DEFAULT_CLAIM_TIMEOUT_SECONDS = 900;
export const MAX_CLAIM_TIMEOUT_SECONDS = 86_400;

export type TaskCommand =
  | {
      type: 'Dispatch';
      taskId: string;
      dispatcher: AgentRef;
      to: string;
      title: string;
      description?: string;
      input?: unknown;
      blockedBy?: string[];
      claimTimeoutSeconds?: number;
      now: number;
    }
  /** `openBlockers`: the tasks of `blockedBy` not completed yet, as the service found them. */
  | { type: 'Claim'; taskId: string; claimer: Actor; openBlockers: string[]; now: number }
  | {
      type: 'Progress';
      taskId: string;
      agent: AgentRef;
      note?: string;
      percent?: number | null;
      now: number;
    }
  | { type: 'Complete'; taskId: string; agent: AgentRef; result?: unknown; now: number }
  | { type: 'Fail'; taskId: string; agent: AgentRef; error: string; now: number }
  | { type: 'Release'; taskId: string; agent: AgentRef; reason?: string; now: number }
  | { type: 'ExpireClaim'; taskId: string; now: number };

function dispatch(
  command: Extract<TaskCommand, { type: 'Dispatch' }>,
  state: TaskState,
): TaskEvent[] {
  const to = formatAddress(parseAddress(command.to));
  const title = checkText(command.title, 'title', MAX_TITLE_LENGTH);
  const description = checkOptionalText(command.description, 'description', MAX_DESCRIPTION_LENGTH);
  const input = checkJson(command.input, 'input', MAX_TASK_JSON_BYTES);
  const blockedBy = checkIdList(command.blockedBy, 'blockedBy', MAX_BLOCKERS);
  if (blockedBy.includes(command.taskId))
    throw invalidInput('blockedBy', 'a task cannot block itself');
  const claimTimeoutSeconds = checkSeconds(
    command.claimTimeoutSeconds,
    'claimTimeoutSeconds',
    MAX_CLAIM_TIMEOUT_SECONDS,
    DEFAULT_CLAIM_TIMEOUT_SECONDS,
  );
  if (state !== null)
    throw new CoordinationError('already_exists', `task ${command.taskId} exists already`);
  return [
    {
      type: 'TaskDispatched',
      data: {
        taskId: command.taskId,
        by: command.dispatcher,
        to,
        title,
        description,
        input,
        blockedBy,
        claimTimeoutSeconds,
        dispatchedAt: isoAt(command.now),
      },
    },
  ];
}

function claimDeadline(task: Task, now: number): string {
  return isoAt(now + Math.round(task.claimTimeoutSeconds * 1000));
}

function claimLapsed(task: Task, now: number): boolean {
  return task.claimExpiresAt !== null && now >= epochOf(task.claimExpiresAt);
}

function checkNotClosed(task: Task): void {
  if (isClosed(task))
    throw new CoordinationError('already_closed', `task ${task.taskId} is ${task.status}`);
}

function claim(command: Extract<TaskCommand, { type: 'Claim' }>, task: Task): TaskEvent[] {
  const { claimer, now } = command;
  if (!reaches(task.to, claimer)) {
    throw new CoordinationError(
      'not_addressee',
      `task ${task.taskId} is for ${task.to}, not for ${claimer.name}`,
    );
  }
  checkNotClosed(task);
  const held = task.status === 'claimed' && task.claimant !== null && !claimLapsed(task, now);
  if (held && task.claimant?.agentId === claimer.agentId) return [];
  if (held) {
    throw new CoordinationError(
      'already_claimed',
      `task ${task.taskId} is claimed by ${task.claimant?.name}`,
      {
        claimant: task.claimant?.name,
      },
    );
  }
  if (command.openBlockers.length > 0) {
    throw new CoordinationError(
      'blocked',
      `task ${task.taskId} waits for ${command.openBlockers.join(', ')} to be completed`,
      { blockedBy: command.openBlockers },
    );
  }
  const events: TaskEvent[] = [];
  if (task.status === 'claimed' && task.claimant !== null) {
    events.push({
      type: 'TaskClaimExpired',
      data: { claimant: task.claimant, expiredAt: isoAt(now) },
    });
  }
  events.push({
    type: 'TaskClaimed',
    data: { by: refOf(claimer), claimedAt: isoAt(now), claimExpiresAt: claimDeadline(task, now) },
  });
  return events;
}

/** Only the agent holding a live claim may report on the task; a release may follow a lapsed claim. */
function checkClaimant(task: Task, agent: AgentRef, now: number, lapsedIsFine: boolean): void {
  checkNotClosed(task);
  if (task.status !== 'claimed' || task.claimant?.agentId !== agent.agentId) {
    throw new CoordinationError(
      'not_claimant',
      `${agent.name} does not hold the claim on task ${task.taskId}`,
    );
  }
  if (!lapsedIsFine && claimLapsed(task, now)) {
    throw new CoordinationError(
      'expired',
      `the claim on task ${task.taskId} lapsed at ${task.claimExpiresAt}`,
    );
  }
}

function checkPercent(percent: unknown): number | null {
  if (percent === undefined || percent === null) return null;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw invalidInput('percent', 'percent must be a number from 0 to 100');
  }
  return percent;
}

export function decideTask(command: TaskCommand, state: TaskState): TaskEvent[] {
  if (command.type === 'Dispatch') return dispatch(command, state);
  if (state === null) throw notFound('task', command.taskId);
  const at = isoAt(command.now);
  switch (command.type) {
    case 'Claim':
      return claim(command, state);
    case 'Progress': {
      const note = checkOptionalText(command.note, 'note', MAX_NOTE_LENGTH);
      const percent = checkPercent(command.percent);
      checkClaimant(state, command.agent, command.now, false);
      const claimExpiresAt = claimDeadline(state, command.now);
      return [
        {
          type: 'TaskProgressed',
          data: { by: command.agent, note, percent, progressedAt: at, claimExpiresAt },
        },
      ];
    }
    case 'Complete': {
      const result = checkJson(command.result, 'result', MAX_TASK_JSON_BYTES);
      checkClaimant(state, command.agent, command.now, false);
      return [{ type: 'TaskCompleted', data: { by: command.agent, result, completedAt: at } }];
    }
    case 'Fail': {
      const error = checkText(command.error, 'error', MAX_NOTE_LENGTH);
      checkClaimant(state, command.agent, command.now, false);
      return [{ type: 'TaskFailed', data: { by: command.agent, error, failedAt: at } }];
    }
    case 'Release': {
      const reason = checkOptionalText(command.reason, 'reason', MAX_NOTE_LENGTH);
      checkClaimant(state, command.agent, command.now, true);
      return [{ type: 'TaskReleased', data: { by: command.agent, reason, releasedAt: at } }];
    }
    case 'ExpireClaim':
      if (state.status !== 'claimed' || state.claimant === null || !claimLapsed(state, command.now))
        return [];
      return [{ type: 'TaskClaimExpired', data: { claimant: state.claimant, expiredAt: at } }];
  }
}

export const taskDecider: Decider<TaskCommand, TaskState, TaskEvent> = {
  decide: decideTask,
  evolve: evolveTask,
  initialState: initialTaskState,
};
