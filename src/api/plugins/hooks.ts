import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { DigestService } from '../../coordination/feed/digest-service.js';
import { BridgeError } from '../../events/errors.js';
import type { GuardAudit } from '../../guard/audit/service.js';
import {
  type PostToolUseInput,
  type PreToolUseInput,
  relativeCwdProblem,
  toToolCall,
  type UserPromptSubmitInput,
} from '../../integrations/claude-code/hook-input.js';
import { contextOutput, preToolUseOutput } from '../../integrations/claude-code/hook-output.js';
import { toolOutcomeOf } from '../../integrations/claude-code/tool-outcome.js';
import {
  contextResponse,
  postToolUseBody,
  preToolUseBody,
  preToolUseResponse,
  userPromptSubmitBody,
} from '../schemas/hooks.js';
import { principalOf } from './auth.js';

/** Written files travel inside hook calls, so these routes take more than the app's default limit. */
export const HOOK_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

function refuseRelativeCwd(input: PreToolUseInput | PostToolUseInput): void {
  const problem = relativeCwdProblem(input);
  if (problem) throw new BridgeError('invalid_request', `body/${problem}`);
}

export interface HooksPluginOptions {
  audit: GuardAudit;
  /** What is new for the agent; without coordination the answers carry no context. */
  digest?: Pick<DigestService, 'next'>;
}

/** Claude Code's HTTP hooks: the caller is the agent its bearer token names. */
export const hooksPlugin: FastifyPluginAsync<HooksPluginOptions> = async (
  app,
  { audit, digest },
) => {
  const newsFor = async (request: FastifyRequest) =>
    digest ? digest.next(principalOf(request)) : null;

  app.post<{ Body: PreToolUseInput }>(
    '/v1/hooks/claude-code/pre-tool-use',
    {
      bodyLimit: HOOK_BODY_LIMIT_BYTES,
      schema: { body: preToolUseBody, response: { 200: preToolUseResponse } },
    },
    async (request) => {
      refuseRelativeCwd(request.body);
      const { verdict, reason } = await audit.judge({
        call: toToolCall(request.body, principalOf(request)),
        toolUseId: request.body.tool_use_id ?? null,
      });
      return preToolUseOutput(verdict, reason);
    },
  );

  app.post<{ Body: PostToolUseInput }>(
    '/v1/hooks/claude-code/post-tool-use',
    {
      bodyLimit: HOOK_BODY_LIMIT_BYTES,
      schema: { body: postToolUseBody, response: { 200: contextResponse } },
    },
    async (request) => {
      refuseRelativeCwd(request.body);
      const { success, text } = toolOutcomeOf(request.body);
      await audit.recordOutcome({
        agent: principalOf(request),
        sessionId: request.body.session_id,
        toolUseId: request.body.tool_use_id ?? null,
        tool: request.body.tool_name,
        success,
        text,
      });
      return contextOutput(request.body.hook_event_name, await newsFor(request));
    },
  );

  app.post<{ Body: UserPromptSubmitInput }>(
    '/v1/hooks/claude-code/user-prompt-submit',
    { schema: { body: userPromptSubmitBody, response: { 200: contextResponse } } },
    async (request) => contextOutput('UserPromptSubmit', await newsFor(request)),
  );
};
