import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { isUuid, uuidv7 } from '../../events/uuid.js';
import { actorOf, refOf } from '../actor.js';
import { type AgentDirectory, parseAddress, reaches, resolveRecipients } from '../addresses.js';
import { Deadlines } from '../deadlines.js';
import { invalidInput, notFound } from '../errors.js';
import { executeCommand } from '../execute.js';
import { checkIdList, checkWholeNumber } from '../fields.js';
import { Projection } from '../projection.js';
import { StreamStates } from '../stream-states.js';
import { type Clock, epochOf, systemClock } from '../time.js';
import { MAX_BLOCKERS, type TaskCommand, taskDecider } from './decide.js';
import {
  TASK_STATUSES,
  TASK_STREAM_PREFIX,
  type TaskEvent,
  type TaskStatus,
  taskStreamId,
} from './events.js';
import type { Task, TaskState } from './evolve.js';

export interface DispatchInput {
  /** An agent name or another address (`capability:<name>`, `role:<role>`, `*`). */
  to: string;
  title: string;
  description?: string;
  input?: unknown;
  blockedBy?: string[];
  /** Default 15 min, at most 24 h; fractions of a second are allowed. */
  claimTimeoutSeconds?: number;
}

/** A task with the blockers it still waits for: it can be claimed once `waitingOn` is empty. */
export type TaskView = Task & { waitingOn: string[] };

export const TASK_SCOPES = ['open_for_me', 'claimed_by_me', 'dispatched_by_me', 'all'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

export interface TaskFilter {
  /** `open_for_me`: open, addressed to the caller and not blocked. Default `all`. */
  scope?: TaskScope;
  status?: readonly string[];
  /** At most this many, oldest first (default 100, at most 1000). */
  limit?: number;
}

export interface TaskServiceOptions {
  clock?: Clock;
}

function claimDeadlineOf(state: TaskState): number | null {
  return state?.status === 'claimed' && state.claimExpiresAt !== null
    ? epochOf(state.claimExpiresAt)
    : null;
}

/** Work handed between agents. A claim that runs out without progress reopens the task. */
export class TaskService {
  private readonly board: StreamStates<TaskState, TaskEvent>;
  private readonly projection: Projection;
  private readonly deadlines: Deadlines;
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
    options: TaskServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.deadlines = new Deadlines((id) => this.expireClaim(id), this.clock);
    this.board = new StreamStates({
      prefix: TASK_STREAM_PREFIX,
      decider: taskDecider,
      isActive: (state) => state?.status === 'open' || state?.status === 'claimed',
      changed: (id, state) => this.deadlines.track(id, claimDeadlineOf(state)),
    });
    this.projection = new Projection(store, this.board, {
      name: 'coordination.tasks',
      version: 1,
      filter: { streamPrefix: TASK_STREAM_PREFIX },
    });
  }

  async start(): Promise<void> {
    await this.projection.start();
    await this.deadlines.resume(
      [...this.board.live()].map((task) => ({
        id: (task as Task).taskId,
        deadline: claimDeadlineOf(task),
      })),
    );
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  async close(): Promise<void> {
    this.deadlines.stop();
    await this.projection.close();
  }

  /** A named addressee must be registered; the tasks it waits for must exist. */
  async dispatch(principal: Principal, input: DispatchInput): Promise<TaskView> {
    const address = parseAddress(input.to);
    if (address.kind === 'agent') resolveRecipients(address, this.agents, principal.agentId);
    for (const blocker of checkIdList(input.blockedBy, 'blockedBy', MAX_BLOCKERS)) {
      if (!this.board.get(blocker)) throw notFound('task', blocker);
    }
    const taskId = uuidv7();
    await this.execute(principal, {
      type: 'Dispatch',
      taskId,
      dispatcher: refOf(principal),
      to: input.to,
      title: input.title,
      description: input.description,
      input: input.input,
      blockedBy: input.blockedBy,
      claimTimeoutSeconds: input.claimTimeoutSeconds,
      now: this.clock(),
    });
    return this.get(taskId);
  }

  /** Exactly one of many concurrent claimers wins; the others get `already_claimed`. */
  async claim(principal: Principal, taskId: string): Promise<TaskView> {
    const task = this.find(taskId);
    await this.execute(principal, {
      type: 'Claim',
      taskId: task.taskId,
      claimer: actorOf(principal, this.agents),
      openBlockers: this.waitingOn(task),
      now: this.clock(),
    });
    return this.get(task.taskId);
  }

  /** Reports progress and renews the claim. */
  async progress(
    principal: Principal,
    taskId: string,
    update: { note?: string; percent?: number | null },
  ): Promise<TaskView> {
    const id = this.find(taskId).taskId;
    await this.execute(principal, {
      type: 'Progress',
      taskId: id,
      agent: refOf(principal),
      note: update.note,
      percent: update.percent,
      now: this.clock(),
    });
    return this.get(id);
  }

  async complete(principal: Principal, taskId: string, result?: unknown): Promise<TaskView> {
    const id = this.find(taskId).taskId;
    await this.execute(principal, {
      type: 'Complete',
      taskId: id,
      agent: refOf(principal),
      result,
      now: this.clock(),
    });
    return this.get(id);
  }

  async fail(principal: Principal, taskId: string, error: string): Promise<TaskView> {
    const id = this.find(taskId).taskId;
    await this.execute(principal, {
      type: 'Fail',
      taskId: id,
      agent: refOf(principal),
      error,
      now: this.clock(),
    });
    return this.get(id);
  }

  /** Gives the task back: it is open again for its addressees. */
  async release(principal: Principal, taskId: string, reason?: string): Promise<TaskView> {
    const id = this.find(taskId).taskId;
    await this.execute(principal, {
      type: 'Release',
      taskId: id,
      agent: refOf(principal),
      reason,
      now: this.clock(),
    });
    return this.get(id);
  }

  get(taskId: string): TaskView {
    const task = this.find(taskId);
    return { ...task, waitingOn: this.waitingOn(task) };
  }

  /** Tasks for the caller's scope and statuses, oldest first. */
  list(principal: Principal, filter: TaskFilter = {}): TaskView[] {
    const scope = filter.scope ?? 'all';
    if (!TASK_SCOPES.includes(scope))
      throw invalidInput('scope', `scope must be one of ${TASK_SCOPES.join(', ')}`);
    const statuses = filter.status ?? null;
    if (
      statuses !== null &&
      !statuses.every((status) => TASK_STATUSES.includes(status as TaskStatus))
    ) {
      throw invalidInput('status', `status must be among ${TASK_STATUSES.join(', ')}`);
    }
    const limit = checkWholeNumber(filter.limit, 'limit', { min: 1, max: 1000, fallback: 100 });
    const actor = actorOf(principal, this.agents);
    const source =
      scope === 'open_for_me' || scope === 'claimed_by_me' ? this.board.live() : this.board.all();
    const found: TaskView[] = [];
    for (const state of source) {
      if (found.length >= limit) break;
      const task = state as Task;
      if (statuses !== null && !statuses.includes(task.status)) continue;
      const waitingOn = this.waitingOn(task);
      const inScope =
        scope === 'all' ||
        (scope === 'open_for_me' &&
          task.status === 'open' &&
          waitingOn.length === 0 &&
          reaches(task.to, actor)) ||
        (scope === 'claimed_by_me' &&
          task.status === 'claimed' &&
          task.claimant?.agentId === actor.agentId) ||
        (scope === 'dispatched_by_me' && task.by.agentId === actor.agentId);
      if (inScope) found.push({ ...task, waitingOn });
    }
    return found;
  }

  /** Blockers not completed yet. A completed task never reopens, so a lagging view errs towards blocked. */
  private waitingOn(task: Task): string[] {
    return task.blockedBy.filter((id) => this.board.get(id)?.status !== 'completed');
  }

  private find(taskId: string): Task {
    const id = taskId.toLowerCase();
    const task = isUuid(id) ? this.board.get(id) : undefined;
    if (!task) throw notFound('task', taskId);
    return task;
  }

  private async expireClaim(taskId: string): Promise<void> {
    await this.execute(undefined, { type: 'ExpireClaim', taskId, now: this.clock() });
  }

  private async execute(principal: Principal | undefined, command: TaskCommand): Promise<void> {
    await executeCommand(
      this.store,
      this.projection,
      taskStreamId(command.taskId),
      taskDecider,
      command,
      principal,
    );
  }
}
