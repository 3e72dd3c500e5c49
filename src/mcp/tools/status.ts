import * as z from 'zod';
import { ROLES } from '../../agents/principal.js';
import { PRESENCE_STATUSES } from '../../coordination/presence/events.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';

/** Unread messages are counted up to this many. */
const UNREAD_COUNT_LIMIT = 500;

const count = z.number().int().min(0);

const bridgeStatus = defineTool({
  name: 'bridge_status',
  title: 'Bridge status',
  description:
    'Who you are to the bridge and what waits for you: unread messages, open questions addressed to you, tasks you can claim or hold, reviews you may decide, leases you hold; plus the team’s presence, the bridge version and the guard policy in force. A good first call.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({}),
  output: z.object({
    bridge: z.object({
      name: z.string(),
      version: z.string(),
      uptimeSeconds: count,
      headPosition: count.describe('Position of the newest event in the log'),
      ready: z.boolean(),
    }),
    you: z.object({
      agentId: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      capabilities: z.array(z.string()),
    }),
    waiting: z.object({
      unreadMessages: count.describe(`Counted up to ${UNREAD_COUNT_LIMIT}`),
      questionsForYou: count,
      tasksOpenForYou: count,
      tasksClaimedByYou: count,
      reviewsForYou: count,
      leasesHeld: count,
    }),
    team: z.record(z.enum(PRESENCE_STATUSES), count).describe('Registered agents by presence'),
    guard: z.object({ policyVersion: z.string() }).nullable(),
  }),
  run: async ({ principal, services }) => {
    const { coordination, guard } = services;
    const team = { online: 0, idle: 0, offline: 0 };
    for (const agent of coordination.presence.directory()) team[agent.status] += 1;
    return {
      bridge: {
        ...services.serverInfo,
        uptimeSeconds: Math.round((Date.now() - services.startedAt) / 1000),
        headPosition: await services.store.headPosition(),
        ready: coordination.ready,
      },
      you: {
        agentId: principal.agentId,
        name: principal.name,
        role: principal.role,
        capabilities: services.agents.find(principal.agentId)?.capabilities ?? [],
      },
      waiting: {
        unreadMessages: coordination.messages.inbox(principal, {
          unread: true,
          limit: UNREAD_COUNT_LIMIT,
        }).length,
        questionsForYou: coordination.elicitations.pendingFor(principal).length,
        tasksOpenForYou: coordination.tasks.list(principal, { scope: 'open_for_me', limit: 1000 })
          .length,
        tasksClaimedByYou: coordination.tasks.list(principal, {
          scope: 'claimed_by_me',
          limit: 1000,
        }).length,
        reviewsForYou: coordination.reviews.pendingFor(principal).length,
        leasesHeld: coordination.leases.list({ holder: principal.agentId }).length,
      },
      team,
      guard: guard === undefined ? null : { policyVersion: guard.engine.policyVersion },
    };
  },
});

export const STATUS_TOOLS: readonly AnyToolSpec[] = [bridgeStatus];
