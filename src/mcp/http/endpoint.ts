import { isLegacyRequest } from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import { ChangeFeed } from '../change-feed.js';
import type { McpServices } from '../services.js';
import { LegacySessions } from './legacy-sessions.js';
import { ModernHandlers } from './modern-handlers.js';

/**
 * The bridge's Streamable HTTP endpoint for MCP. Requests of the 2026-07-28 revision (each
 * carries its protocol version in `_meta`) go to the stateless handlers; the 2025 revisions
 * (2024-11-05 to 2025-11-25, opening with `initialize`) to sessions. The caller is always the
 * agent of the request's bearer token.
 */
export class McpEndpoint {
  private readonly feed: ChangeFeed;
  private readonly legacy: LegacySessions;
  private readonly modern: ModernHandlers;

  constructor(services: McpServices) {
    this.feed = new ChangeFeed(services.store, services.agents);
    this.legacy = new LegacySessions(services, this.feed);
    this.modern = new ModernHandlers(services, this.feed);
  }

  start(): Promise<void> {
    return this.feed.start();
  }

  /** `parsedBody`: the JSON body of a POST, already parsed. */
  async handle(request: Request, principal: Principal, parsedBody: unknown): Promise<Response> {
    return (await isLegacyRequest(request, parsedBody))
      ? this.legacy.handle(request, principal, parsedBody)
      : this.modern.fetch(request, principal, parsedBody);
  }

  /** Ends every session and subscription stream; requests in flight are answered or aborted. */
  async close(): Promise<void> {
    await Promise.all([this.legacy.closeAll(), this.modern.closeAll()]);
    await this.feed.close();
  }
}
