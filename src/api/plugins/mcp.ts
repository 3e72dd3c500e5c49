import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AgentDirectory } from '../../coordination/addresses.js';
import type { Coordination } from '../../coordination/open-coordination.js';
import type { EventStore } from '../../events/store.js';
import type { McpEndpoint } from '../../mcp/http/endpoint.js';
import { BRIDGE_VERSION } from '../version.js';
import { principalOf } from './auth.js';
import type { GuardPluginOptions } from './guard.js';

export interface McpPluginOptions {
  store: EventStore;
  agents: AgentDirectory;
  coordination: Coordination;
  /** The guard_check and guard_explain tools are offered when the bridge runs the guard. */
  guard?: Pick<GuardPluginOptions, 'guard' | 'projectRoot'>;
}

/** Headers that describe the HTTP connection or the body as it arrived, not the request. */
const HOP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
]);

/**
 * The request as the SDK's web-standard handlers take it: same method, URL and headers, no
 * body (Fastify has parsed it; it is passed on parsed), and a signal that aborts when the
 * client goes away, which ends its streams.
 */
function webRequestOf(request: FastifyRequest, reply: FastifyReply): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || HOP_HEADERS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const gone = new AbortController();
  reply.raw.once('close', () => gone.abort());
  return new Request(new URL(request.url, 'http://bridge'), {
    method: request.method,
    headers,
    signal: gone.signal,
  });
}

const STREAM_OPENED = new TextEncoder().encode(': open\n\n');

/**
 * An event stream whose headers go out at once. Node sends headers with the first chunk of a
 * body, and a stream may stay silent for long (a session's stream between notifications, a tool
 * call that waits); an SSE comment, which clients skip, opens it.
 */
function openedAtOnce(response: Response): Response {
  const type = response.headers.get('content-type') ?? '';
  if (response.body === null || !type.startsWith('text/event-stream')) return response;
  const body = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start: (controller) => controller.enqueue(STREAM_OPENED),
    }),
  );
  return new Response(body, { status: response.status, headers: response.headers });
}

/**
 * MCP over Streamable HTTP at /mcp, for every protocol revision the SDK serves. Any role may
 * connect; each is offered the tools its role may use, acting as the agent of its token.
 */
export const mcpPlugin: FastifyPluginAsync<McpPluginOptions> = async (app, options) => {
  const { guard, ...services } = options;
  // The SDK is loaded with the first MCP request: a bridge nobody reaches by MCP never pays
  // for it in start time or memory.
  let opening: Promise<McpEndpoint> | null = null;
  const endpoint = (): Promise<McpEndpoint> => {
    opening ??= import('../../mcp/http/endpoint.js')
      .then(async ({ McpEndpoint }) => {
        const opened = new McpEndpoint({
          ...services,
          guard: guard && { engine: guard.guard, projectRoot: guard.projectRoot },
          serverInfo: { name: 'lighthouse-bridge', version: BRIDGE_VERSION },
          startedAt: Date.now(),
          reportError: (error) => app.log.error({ err: error }, 'mcp request failed'),
        });
        await opened.start();
        return opened;
      })
      .catch((error: unknown) => {
        opening = null;
        throw error;
      });
    return opening;
  };
  app.addHook('preClose', async () => {
    if (opening) await (await opening.catch(() => null))?.close();
  });

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    config: { permission: 'coordination:read' },
    handler: async (request, reply) => {
      const response = await (await endpoint()).handle(
        webRequestOf(request, reply),
        principalOf(request),
        request.method === 'POST' ? request.body : undefined,
      );
      return reply.send(openedAtOnce(response));
    },
  });
};
