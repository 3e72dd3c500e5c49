import {
  createMcpHandler,
  type McpHttpHandler,
  type ServerEvent,
  type ServerEventBus,
} from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import { buildMcpServer } from '../build-server.js';
import type { ChangeFeed } from '../change-feed.js';
import type { McpServices } from '../services.js';
import { authInfoOf, principalOf } from './auth-info.js';

/**
 * The bus of one agent's `subscriptions/listen` streams. It joins the change feed while a stream
 * is open, so the feed spends nothing on agents that listen to nothing.
 */
class AgentBus implements ServerEventBus {
  private readonly listeners = new Set<(event: ServerEvent) => void>();
  private leaveFeed: (() => void) | null = null;

  constructor(
    private readonly agentId: string,
    private readonly feed: ChangeFeed,
    private readonly report: (error: unknown) => void,
  ) {}

  publish(event: ServerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.report(error);
      }
    }
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    this.leaveFeed ??= this.feed.add({
      agentId: this.agentId,
      resourceUpdated: (uri) => this.publish({ kind: 'resource_updated', uri }),
      resourceListChanged: () => this.publish({ kind: 'resources_list_changed' }),
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.leaveFeed?.();
      this.leaveFeed = null;
    };
  }
}

/**
 * The 2026-07-28 revision: stateless, one server per request from the same factory as sessions.
 * Each agent has its own handler, so its subscription streams hear only of what it may see
 * (its inbox, its threads), never of another agent's.
 */
export class ModernHandlers {
  private readonly handlers = new Map<string, McpHttpHandler>();

  constructor(
    private readonly services: McpServices,
    private readonly feed: ChangeFeed,
  ) {}

  fetch(request: Request, principal: Principal, parsedBody: unknown): Promise<Response> {
    return this.handlerOf(principal.agentId).fetch(request, {
      authInfo: authInfoOf(principal),
      parsedBody,
    });
  }

  async closeAll(): Promise<void> {
    const closing = [...this.handlers.values()].map((handler) => handler.close());
    this.handlers.clear();
    await Promise.allSettled(closing);
  }

  private handlerOf(agentId: string): McpHttpHandler {
    let handler = this.handlers.get(agentId);
    if (handler === undefined) {
      const { services } = this;
      handler = createMcpHandler(
        ({ authInfo }) => buildMcpServer(services, principalOf(authInfo)),
        {
          legacy: 'reject',
          bus: new AgentBus(agentId, this.feed, services.reportError),
          onerror: services.reportError,
        },
      );
      this.handlers.set(agentId, handler);
    }
    return handler;
  }
}
