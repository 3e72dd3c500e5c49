import type { TaskStatus } from '../../coordination/tasks/events.js';
import type { DispatchInput, TaskScope, TaskView } from '../../coordination/tasks/service.js';
import { type Requester, segment } from './requester.js';

export type { DispatchInput, TaskScope, TaskStatus, TaskView };

export interface TaskQuery {
  /** `open_for_me`, `claimed_by_me`, `dispatched_by_me` or `all` (the default). */
  scope?: TaskScope;
  status?: readonly string[];
  limit?: number;
}

/** Work handed between agents (`/v1/tasks`). */
export class TasksClient {
  constructor(private readonly bridge: Requester) {}

  dispatch(task: DispatchInput): Promise<TaskView> {
    return this.bridge.request('POST', '/v1/tasks', { body: task });
  }

  async list(query: TaskQuery = {}): Promise<TaskView[]> {
    const { tasks } = await this.bridge.request<{ tasks: TaskView[] }>('GET', '/v1/tasks', {
      query: { scope: query.scope, status: query.status?.join(','), limit: query.limit },
    });
    return tasks;
  }

  get(taskId: string): Promise<TaskView> {
    return this.bridge.request('GET', `/v1/tasks/${segment(taskId)}`);
  }

  claim(taskId: string): Promise<TaskView> {
    return this.act(taskId, 'claim', {});
  }

  /** Reports progress, which also renews the claim. */
  progress(taskId: string, report: { note?: string; percent?: number | null }): Promise<TaskView> {
    return this.act(taskId, 'progress', report);
  }

  complete(taskId: string, result?: unknown): Promise<TaskView> {
    return this.act(taskId, 'complete', result === undefined ? {} : { result });
  }

  fail(taskId: string, error: string): Promise<TaskView> {
    return this.act(taskId, 'fail', { error });
  }

  /** Gives a claimed task back: it is open again for others. */
  release(taskId: string, reason?: string): Promise<TaskView> {
    return this.act(taskId, 'release', reason === undefined ? {} : { reason });
  }

  private act(taskId: string, action: string, body: object): Promise<TaskView> {
    return this.bridge.request('POST', `/v1/tasks/${segment(taskId)}/${action}`, { body });
  }
}
