import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  ResourceNotFoundError,
  ResourceTemplate,
} from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import { BridgeError } from '../../events/errors.js';
import type { McpServices } from '../services.js';
import {
  AGENTS_URI,
  INBOX_TEMPLATE,
  inboxUri,
  RECENT_EVENTS_URI,
  TASK_TEMPLATE,
  THREAD_TEMPLATE,
  taskUri,
  threadUri,
} from './uris.js';

const JSON_TYPE = 'application/json';
const RECENT_EVENTS = 50;
/** How many of the caller's newest messages the thread listing looks at. */
const LISTED_MESSAGES = 100;
/** A thread holds at most this many messages in one read. */
const THREAD_MESSAGES = 500;

function json(uri: URL, value: unknown): ReadResourceResult {
  return { contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(value) }] };
}

function variable(variables: Record<string, string | string[]>, name: string): string {
  const value = variables[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

/** A refusal of the bridge as the protocol error of a read: not found, or invalid with the reason. */
function readFailure(uri: URL, error: unknown): unknown {
  if (!(error instanceof BridgeError)) return error;
  if (error.code === 'not_found') return new ResourceNotFoundError(uri.href);
  return new ProtocolError(ProtocolErrorCode.InvalidParams, error.message, { uri: uri.href });
}

async function reading(
  uri: URL,
  read: () => unknown | Promise<unknown>,
): Promise<ReadResourceResult> {
  try {
    return json(uri, await read());
  } catch (error) {
    throw readFailure(uri, error);
  }
}

/**
 * The team's directory, the caller's inbox, threads, tasks and the newest events, each as JSON.
 * Every read is the caller's view: its own inbox only, threads it takes part in.
 */
export function registerResources(
  server: McpServer,
  principal: Principal,
  services: McpServices,
): void {
  const { coordination } = services;

  server.registerResource(
    'agents',
    AGENTS_URI,
    {
      title: 'Agent directory',
      description: 'Every registered agent with its role, capabilities and presence',
      mimeType: JSON_TYPE,
    },
    (uri) => reading(uri, () => ({ agents: coordination.presence.directory() })),
  );

  server.registerResource(
    'recent-events',
    RECENT_EVENTS_URI,
    {
      title: 'Recent events',
      description: `The newest ${RECENT_EVENTS} events of the bridge's log, newest first`,
      mimeType: JSON_TYPE,
    },
    (uri) =>
      reading(uri, async () => ({
        events: (await services.store.readAll({ direction: 'backwards', limit: RECENT_EVENTS }))
          .events,
      })),
  );

  server.registerResource(
    'inbox',
    new ResourceTemplate(INBOX_TEMPLATE, {
      list: () => ({
        resources: [{ uri: inboxUri(principal.name), name: `${principal.name}'s inbox` }],
      }),
    }),
    {
      title: 'Inbox',
      description: 'The newest 50 messages sent to you, with your read and acknowledged receipts',
      mimeType: JSON_TYPE,
    },
    (uri, variables) =>
      reading(uri, () => {
        if (variable(variables, 'name') !== principal.name) {
          throw new BridgeError(
            'forbidden',
            `you may read only your own inbox, ${inboxUri(principal.name)}`,
          );
        }
        return coordination.messages.inboxPage(principal);
      }),
  );

  server.registerResource(
    'thread',
    new ResourceTemplate(THREAD_TEMPLATE, {
      list: () => {
        const threads = new Map<string, string>();
        for (const message of coordination.messages.inbox(principal, {
          box: 'all',
          limit: LISTED_MESSAGES,
        })) {
          if (!threads.has(message.threadId)) threads.set(message.threadId, message.subject);
        }
        return {
          resources: [...threads].map(([threadId, subject]) => ({
            uri: threadUri(threadId),
            name: `Thread: ${subject}`,
          })),
        };
      },
    }),
    {
      title: 'Thread',
      description: 'The messages of a thread you take part in, oldest first',
      mimeType: JSON_TYPE,
    },
    (uri, variables) =>
      reading(uri, () => {
        const threadId = variable(variables, 'threadId');
        const messages = coordination.messages.inbox(principal, {
          box: 'all',
          threadId,
          limit: THREAD_MESSAGES,
        });
        if (messages.length === 0) throw new ResourceNotFoundError(uri.href);
        return { threadId, messages: messages.reverse() };
      }),
  );

  server.registerResource(
    'task',
    new ResourceTemplate(TASK_TEMPLATE, {
      list: () => ({
        resources: [
          ...coordination.tasks.list(principal, { scope: 'claimed_by_me' }),
          ...coordination.tasks.list(principal, { scope: 'open_for_me' }),
        ].map((task) => ({ uri: taskUri(task.taskId), name: `Task: ${task.title}` })),
      }),
    }),
    {
      title: 'Task',
      description: 'A task with its status, claimant, progress and result',
      mimeType: JSON_TYPE,
    },
    (uri, variables) =>
      reading(uri, () => ({ task: coordination.tasks.get(variable(variables, 'taskId')) })),
  );
}
