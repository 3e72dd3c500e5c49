import { randomUUID } from 'node:crypto';
import {
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import { buildMcpServer } from '../build-server.js';
import type { ChangeFeed } from '../change-feed.js';
import { subscriptionRefusal } from '../resources/uris.js';
import type { McpServices } from '../services.js';
import { authInfoOf } from './auth-info.js';
import { QuestionRelay } from './question-relay.js';

export interface SessionEvents {
  opened(sessionId: string, session: LegacySession): void;
  closed(sessionId: string): void;
}

/**
 * One client's session of a 2025 revision: a long-lived server bound to the agent that opened
 * it. What the server pushes (resource updates, questions for the user) travels on the client's
 * stream, its GET; the transport drops what is sent while none is open, so updates missed
 * meanwhile are sent when the stream opens, and questions are asked then.
 */
export class LegacySession {
  readonly agentId: string;
  lastUsed = Date.now();
  private readonly server: McpServer;
  private readonly transport: WebStandardStreamableHTTPServerTransport;
  private readonly relay: QuestionRelay;
  private readonly subscribed = new Set<string>();
  private readonly missed = new Set<string>();
  private openStreams = 0;

  constructor(
    services: McpServices,
    private readonly principal: Principal,
    feed: ChangeFeed,
    events: SessionEvents,
  ) {
    this.agentId = principal.agentId;
    this.server = buildMcpServer(services, principal);
    const streamOpen = () => this.openStreams > 0;
    this.relay = new QuestionRelay(
      this.server.server,
      principal,
      services.coordination.elicitations,
      services.reportError,
      streamOpen,
    );
    this.transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sessionId) => events.opened(sessionId, this),
    });
    const leaveFeed = feed.add({
      agentId: principal.agentId,
      resourceUpdated: (uri) => {
        if (!this.subscribed.has(uri)) return;
        if (streamOpen()) this.sendUpdate(uri);
        else this.missed.add(uri);
      },
      resourceListChanged: () => {
        if (streamOpen()) this.server.sendResourceListChanged();
      },
      questionAsked: (question) => this.relay.ask(question),
      questionClosed: (elicitationId) => this.relay.withdraw(elicitationId),
    });
    this.server.server.onclose = () => {
      leaveFeed();
      this.relay.withdrawAll();
      if (this.transport.sessionId !== undefined) events.closed(this.transport.sessionId);
    };
    this.handleSubscriptions();
  }

  /** Answers the client's `initialize`; one the transport refuses opens no session. */
  async open(request: Request, parsedBody: unknown): Promise<Response> {
    await this.server.connect(this.transport);
    const response = await this.handle(request, parsedBody);
    if (this.transport.sessionId === undefined) await this.close();
    return response;
  }

  async handle(request: Request, parsedBody: unknown): Promise<Response> {
    this.lastUsed = Date.now();
    const response = await this.transport.handleRequest(request, {
      parsedBody,
      authInfo: authInfoOf(this.principal),
    });
    if (request.method === 'GET' && response.ok) this.streamOpened(request.signal);
    return response;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private streamOpened(closed: AbortSignal): void {
    this.openStreams += 1;
    closed.addEventListener('abort', () => {
      this.openStreams -= 1;
    });
    for (const uri of this.missed) this.sendUpdate(uri);
    this.missed.clear();
    this.relay.askPending();
  }

  private sendUpdate(uri: string): void {
    this.server.server.sendResourceUpdated({ uri }).catch(() => undefined);
  }

  private handleSubscriptions(): void {
    this.server.server.setRequestHandler('resources/subscribe', (request) => {
      const refusal = subscriptionRefusal(request.params.uri, this.principal.name);
      if (refusal !== null) throw new ProtocolError(ProtocolErrorCode.InvalidParams, refusal);
      this.subscribed.add(request.params.uri);
      return {};
    });
    this.server.server.setRequestHandler('resources/unsubscribe', (request) => {
      this.subscribed.delete(request.params.uri);
      this.missed.delete(request.params.uri);
      return {};
    });
  }
}
