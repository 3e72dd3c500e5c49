import * as z from 'zod';
import { invalidInput } from '../../coordination/errors.js';
import { TASK_STATUSES } from '../../coordination/tasks/events.js';
import { TASK_SCOPES } from '../../coordination/tasks/service.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { taskView } from './views.js';

const taskId = z.string().describe('A task id');

const listTasks = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    'List tasks, oldest first. scope open_for_me (the default) gives the open tasks addressed to you that nothing blocks any more: the ones you can claim now. claimed_by_me gives your work in progress; dispatched_by_me the tasks you handed out; all every task.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({
    scope: z.enum(TASK_SCOPES).optional().describe('Default open_for_me'),
    status: z.array(z.enum(TASK_STATUSES)).optional().describe('Only these statuses'),
    limit: z.number().int().min(1).max(1000).optional().describe('Default 100'),
  }),
  output: z.object({ tasks: z.array(taskView) }),
  run: ({ args, principal, services }) => ({
    tasks: services.coordination.tasks.list(principal, {
      scope: args.scope ?? 'open_for_me',
      status: args.status,
      limit: args.limit,
    }),
  }),
});

const claimTask = defineTool({
  name: 'claim_task',
  title: 'Claim a task',
  description:
    'Claim an open task addressed to you so that nobody else works on it. Of several agents claiming at once exactly one wins. A claim lapses after the task’s claim timeout without progress, and the task reopens.',
  effect: 'settle',
  permission: 'coordination:act',
  input: z.strictObject({ taskId }),
  output: z.object({ task: taskView }),
  run: async ({ args, principal, services }) => ({
    task: await services.coordination.tasks.claim(principal, args.taskId),
  }),
});

const completeTask = defineTool({
  name: 'complete_task',
  title: 'Complete a task',
  description:
    'Complete a task you claimed, with its result; tasks blocked by it become claimable. If you could not do it, give failure instead of result: the task is then closed as failed with that explanation. Either way it cannot be reopened.',
  effect: 'final',
  permission: 'coordination:act',
  input: z.strictObject({
    taskId,
    result: z.unknown().optional().describe('What came of it: any JSON'),
    failure: z
      .string()
      .min(1)
      .optional()
      .describe('Close the task as failed with this explanation instead'),
  }),
  output: z.object({ task: taskView }),
  run: async ({ args, principal, services }) => {
    const { tasks } = services.coordination;
    if (args.failure !== undefined && args.result !== undefined) {
      throw invalidInput('failure', 'give result or failure, not both');
    }
    return {
      task:
        args.failure === undefined
          ? await tasks.complete(principal, args.taskId, args.result)
          : await tasks.fail(principal, args.taskId, args.failure),
    };
  },
});

export const TASK_TOOLS: readonly AnyToolSpec[] = [listTasks, claimTask, completeTask];
