import * as z from 'zod';
import { AgentNotFoundError } from '../../agents/errors.js';
import { BOOTSTRAP_ADMIN } from '../../agents/service.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { eventView } from './views.js';

const MAX_EVENTS = 1000;

const queryEvents = defineTool({
  name: 'query_events',
  title: 'Query the event log',
  description:
    'Read the bridge’s event log: every message, question, task, review, lease, guard decision and agent change as a recorded event with its global position. By default the newest first. Filter by event types, stream prefix (e.g. "$task-"), agent, correlation id (a session id) and time; page with after and the next cursor.',
  effect: 'read',
  permission: 'events:read',
  input: z.strictObject({
    types: z.array(z.string().min(1)).max(50).optional().describe('e.g. ["MessageSent"]'),
    streamPrefix: z.string().optional().describe('Only streams whose id starts with this'),
    agent: z.string().optional().describe('Only events recorded by this agent (name or id)'),
    correlationId: z.string().optional(),
    since: z.string().optional().describe('Recorded at or after this ISO 8601 time'),
    until: z.string().optional().describe('Recorded before this ISO 8601 time'),
    after: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Cursor: a position (exclusive); the next of a previous page'),
    direction: z
      .enum(['forwards', 'backwards'])
      .optional()
      .describe('backwards (newest first, the default) or forwards'),
    limit: z.number().int().min(1).max(MAX_EVENTS).optional().describe('Default 100'),
  }),
  output: z.object({
    events: z.array(eventView),
    next: z.number().nullable().describe('Pass as after for the next page; null at the end'),
  }),
  run: async ({ args, services }) => {
    const { agent, ...filter } = args;
    let agentId: string | undefined;
    if (agent !== undefined) {
      agentId =
        agent === BOOTSTRAP_ADMIN.name
          ? BOOTSTRAP_ADMIN.agentId
          : services.agents.find(agent)?.agentId;
      if (agentId === undefined) throw new AgentNotFoundError(agent);
    }
    return services.store.readAll({
      ...filter,
      agentId,
      direction: args.direction ?? 'backwards',
      limit: args.limit ?? 100,
    });
  },
});

export const EVENT_TOOLS: readonly AnyToolSpec[] = [queryEvents];
