import type { Command } from 'commander';
import type { TaskView } from '../../client/index.js';
import { type Bridge, bridgeCommand, onBridge } from '../bridge-command.js';
import { count, fields, table, time } from '../output.js';
import { collect, durationMs, finiteNumber, jsonArgument, positiveInteger } from '../values.js';

function statusOf(task: TaskView): string {
  if (task.status === 'open' && task.waitingOn.length > 0) {
    return `open, waiting on ${count(task.waitingOn.length, 'task')}`;
  }
  return task.status;
}

function describeTask(task: TaskView): string[] {
  const progress = task.progress
    ? `${task.progress.percent === null ? '' : `${task.progress.percent}% `}${task.progress.note} (${time(task.progress.at)})`
    : null;
  return [
    ...fields([
      ['Task', task.taskId],
      ['Title', task.title],
      ['By', task.by.name],
      ['To', task.to],
      ['Status', statusOf(task)],
      ['Dispatched', time(task.dispatchedAt)],
      ['Blocked by', task.blockedBy.join(' ')],
      ['Waiting on', task.waitingOn.join(' ')],
      [
        'Claimant',
        task.claimant ? `${task.claimant.name} until ${time(task.claimExpiresAt)}` : null,
      ],
      ['Progress', progress],
      ['Closed', time(task.closedAt)],
      ['Error', task.error],
      ['Input', task.input === null ? null : JSON.stringify(task.input)],
      ['Result', task.result === null ? null : JSON.stringify(task.result)],
    ]),
    ...(task.description ? ['', task.description] : []),
  ];
}

/** Runs one act on a task and prints what it says of the task then. */
function onTask<Args extends unknown[]>(
  command: Command,
  act: (bridge: Bridge, ...args: Args) => Promise<TaskView>,
  said: (task: TaskView) => string,
): Command {
  return onBridge(command, async (bridge, ...args: Args) => {
    bridge.show(await act(bridge, ...args), said);
  });
}

function claimCommand(parent: Command): void {
  onTask(
    bridgeCommand(parent, 'claim <id>', 'claim an open task addressed to you'),
    (bridge, id: string) => bridge.coordination.tasks.claim(id),
    (task) => `claimed ${task.taskId} "${task.title}" until ${time(task.claimExpiresAt)}`,
  );
}

export function registerTaskCommands(program: Command): void {
  onBridge(
    bridgeCommand(program, 'tasks', 'list tasks, oldest first')
      .option('--scope <scope>', 'open_for_me, claimed_by_me, dispatched_by_me or all (default)')
      .option('--status <statuses>', 'only these, comma-separated (open,claimed,completed,failed)')
      .option('--limit <n>', 'at most this many (default 100)', positiveInteger),
    async (bridge) => {
      const { flags } = bridge;
      const tasks = await bridge.coordination.tasks.list({
        scope: flags.scope,
        status: flags.status?.split(','),
        limit: flags.limit,
      });
      bridge.show(tasks, (listed) => {
        if (listed.length === 0) return 'no tasks';
        const rows = listed.map((task) => [
          task.taskId,
          statusOf(task),
          task.to,
          task.claimant?.name ?? '',
          task.title,
        ]);
        return table(['ID', 'STATUS', 'TO', 'CLAIMANT', 'TITLE'], rows);
      });
    },
  );

  claimCommand(program);

  const task = program.command('task').description('create, claim and finish tasks');

  onTask(
    bridgeCommand(
      task,
      'create <to> <title>',
      'hand a task to an agent, role:<role>, capability:<name> or *',
    )
      .option('--description <text>', 'what is to be done')
      .option('--input <json>', 'input for the task as JSON, or @FILE')
      .option('--blocked-by <id>', 'a task that must be completed first (repeatable)', collect)
      .option(
        '--claim-timeout <duration>',
        'how long a claim lasts without progress (default 15m)',
        durationMs,
      ),
    async (bridge, to: string, title: string) => {
      const { flags } = bridge;
      return bridge.coordination.tasks.dispatch({
        to,
        title,
        description: flags.description,
        input: flags.input === undefined ? undefined : await jsonArgument(flags.input, '--input'),
        blockedBy: flags.blockedBy,
        claimTimeoutSeconds:
          flags.claimTimeout === undefined ? undefined : flags.claimTimeout / 1000,
      });
    },
    (created) => {
      const waiting =
        created.waitingOn.length > 0
          ? `, waiting on ${count(created.waitingOn.length, 'task')}`
          : '';
      return `created task ${created.taskId} for ${created.to}${waiting}`;
    },
  );

  onBridge(bridgeCommand(task, 'show <id>', 'show a task'), async (bridge, id: string) => {
    bridge.show(await bridge.coordination.tasks.get(id), describeTask);
  });

  claimCommand(task);

  onTask(
    bridgeCommand(
      task,
      'progress <id> <note>',
      'report progress on your task (renews the claim)',
    ).option('--percent <n>', 'how far along, 0 to 100', finiteNumber),
    (bridge, id: string, note: string) =>
      bridge.coordination.tasks.progress(id, { note, percent: bridge.flags.percent }),
    (progressed) =>
      `noted progress on ${progressed.taskId}; claimed until ${time(progressed.claimExpiresAt)}`,
  );

  onTask(
    bridgeCommand(task, 'complete <id>', 'finish your task').option(
      '--result <json>',
      'its result as JSON, or @FILE',
    ),
    async (bridge, id: string) =>
      bridge.coordination.tasks.complete(
        id,
        bridge.flags.result === undefined
          ? undefined
          : await jsonArgument(bridge.flags.result, '--result'),
      ),
    (completed) => `completed ${completed.taskId}`,
  );

  onTask(
    bridgeCommand(task, 'fail <id> <error>', 'give up on your task, saying why'),
    (bridge, id: string, error: string) => bridge.coordination.tasks.fail(id, error),
    (failed) => `failed ${failed.taskId}: ${failed.error}`,
  );

  onTask(
    bridgeCommand(task, 'release <id> [reason]', 'give your task back; it is open again'),
    (bridge, id: string, reason?: string) => bridge.coordination.tasks.release(id, reason),
    (released) => `released ${released.taskId}; it is ${released.status} again`,
  );
}
