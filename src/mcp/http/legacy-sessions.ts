import { isInitializeRequest } from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import type { ChangeFeed } from '../change-feed.js';
import type { McpServices } from '../services.js';
import { jsonRpcError } from './json-rpc-error.js';
import { LegacySession } from './legacy-session.js';

/** Sessions one agent may keep; opening one more closes its least recently used. */
const MAX_SESSIONS_PER_AGENT = 16;

/**
 * The 2025 revisions over Streamable HTTP: one long-lived server per session, bound to the agent
 * that opened it, so a call costs no construction and the server can push to the client.
 */
export class LegacySessions {
  private readonly sessions = new Map<string, LegacySession>();

  constructor(
    private readonly services: McpServices,
    private readonly feed: ChangeFeed,
  ) {}

  handle(request: Request, principal: Principal, parsedBody: unknown): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const session = this.sessions.get(sessionId);
      // Someone else's session is answered like an unknown one: it reveals nothing.
      if (session === undefined || session.agentId !== principal.agentId) {
        return Promise.resolve(
          jsonRpcError(404, -32001, 'Session not found: start a new one with initialize'),
        );
      }
      return session.handle(request, parsedBody);
    }
    if (request.method === 'POST' && isInitializeRequest(parsedBody)) {
      const session = new LegacySession(this.services, principal, this.feed, {
        opened: (id, opened) => {
          this.sessions.set(id, opened);
          this.evictBeyondLimit(principal.agentId);
        },
        closed: (id) => this.sessions.delete(id),
      });
      return session.open(request, parsedBody);
    }
    return Promise.resolve(
      jsonRpcError(
        400,
        -32000,
        'Bad Request: send initialize first, then the Mcp-Session-Id header it answered with',
      ),
    );
  }

  async closeAll(): Promise<void> {
    const closing = [...this.sessions.values()].map((session) => session.close());
    this.sessions.clear();
    await Promise.allSettled(closing);
  }

  private evictBeyondLimit(agentId: string): void {
    const own = [...this.sessions.values()].filter((session) => session.agentId === agentId);
    if (own.length <= MAX_SESSIONS_PER_AGENT) return;
    own.sort((left, right) => left.lastUsed - right.lastUsed);
    for (const session of own.slice(0, own.length - MAX_SESSIONS_PER_AGENT)) {
      session.close().catch(() => undefined);
    }
  }
}
