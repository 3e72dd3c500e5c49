import { isAbsolute } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { Direction } from '../../events/envelope.js';
import { BridgeError } from '../../events/errors.js';
import type { GuardAudit } from '../../guard/audit/service.js';
import type { Guard } from '../../guard/index.js';
import type { ToolCall, Verdict } from '../../guard/types.js';
import type { SlaTracker } from '../../metrics/sla.js';
import { DEFAULT_PAGE_LIMIT } from '../schemas/events.js';
import {
  approvalBody,
  approvalResponse,
  decisionsQuery,
  decisionsResponse,
  explainBody,
  statsResponse,
} from '../schemas/guard.js';
import { principalOf } from './auth.js';

export interface GuardPluginOptions {
  audit: GuardAudit;
  guard: Pick<Guard, 'explain' | 'policyVersion' | 'reloadStatus'>;
  sla: SlaTracker;
  /** The id of an agent given by name or id, or undefined when there is no such agent. */
  resolveAgent: (nameOrId: string) => string | undefined;
  /** Where explained calls run when the request names no cwd. */
  projectRoot: string;
}

interface DecisionsRoute {
  Querystring: {
    agent?: string;
    session?: string;
    verdict?: Verdict;
    tool?: string;
    rule?: string;
    after?: number;
    direction?: Direction;
    limit?: number;
  };
}

interface ExplainRoute {
  Body: { tool?: string; command?: string; input?: Record<string, unknown>; cwd?: string };
}

function invalid(message: string): BridgeError {
  return new BridgeError('invalid_request', message);
}

/** `{command}` is shorthand for a Bash call; `{tool, input}` names any call. */
function explainedInput({
  tool,
  command,
  input,
}: ExplainRoute['Body']): Pick<ToolCall, 'tool' | 'input'> {
  if (command !== undefined && input !== undefined) {
    throw invalid('give body/command or body/input, not both');
  }
  if (command !== undefined) {
    if (tool !== undefined && tool !== 'Bash')
      throw invalid('body/command is for the Bash tool; give body/input for others');
    return { tool: 'Bash', input: { command } };
  }
  if (input === undefined) throw invalid('body/command or body/input is required');
  if (tool === undefined) throw invalid('body/tool is required with body/input');
  return { tool, input };
}

/** Decisions, stats and explanations are for every role; approving is an admin's alone. */
export const guardPlugin: FastifyPluginAsync<GuardPluginOptions> = async (app, options) => {
  const { audit, guard, sla } = options;

  app.get<DecisionsRoute>(
    '/v1/guard/decisions',
    { schema: { querystring: decisionsQuery, response: { 200: decisionsResponse } } },
    async (request) => {
      const { agent, session, verdict, tool, rule, after, direction } = request.query;
      let agentId: string | undefined;
      if (agent !== undefined) {
        agentId = options.resolveAgent(agent);
        if (agentId === undefined) throw new BridgeError('agent_not_found', `no agent ${agent}`);
      }
      return audit.listDecisions({
        agentId,
        sessionId: session,
        verdict,
        tool,
        ruleId: rule,
        after,
        direction,
        limit: request.query.limit ?? DEFAULT_PAGE_LIMIT,
      });
    },
  );

  app.get('/v1/guard/stats', { schema: { response: { 200: statsResponse } } }, async () => {
    const totals = await audit.decisionTotals();
    return {
      decisions: {
        total: totals.decisions,
        byVerdict: totals.byVerdict,
        cached: totals.cached,
        approvedOnce: totals.approvedOnce,
        failures: totals.failures,
      },
      cacheHitRatio: totals.decisions === 0 ? null : totals.cached / totals.decisions,
      sla: sla.snapshot(),
      policy: { version: guard.policyVersion, reload: guard.reloadStatus },
    };
  });

  app.post<ExplainRoute>(
    '/v1/guard/explain',
    { schema: { body: explainBody } },
    async (request) => {
      const cwd = request.body.cwd ?? options.projectRoot;
      if (!isAbsolute(cwd)) throw invalid('body/cwd must be an absolute path');
      return guard.explain({ ...explainedInput(request.body), cwd, agent: principalOf(request) });
    },
  );

  app.post<{ Body: { code: string } }>(
    '/v1/guard/approvals',
    {
      config: { permission: 'guard:approve' },
      schema: { body: approvalBody, response: { 200: approvalResponse } },
    },
    async (request) => {
      const grant = await audit.approve(request.body.code, principalOf(request));
      return {
        ...grant,
        grantedAt: new Date(grant.grantedAt).toISOString(),
        expiresAt: new Date(grant.expiresAt).toISOString(),
      };
    },
  );
};
