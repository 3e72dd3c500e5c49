import { Client, type Dispatcher } from 'undici';
import { BridgeError } from '../../src/events/errors.js';
import { requireLoopbackUrl } from './loopback.js';
import { requireInteger, requirePositive } from './options.js';

/** What every simulated agent calls. */
export interface LoadTarget {
  /** A loopback http:// URL, path and query included. */
  url: string;
  /** Default POST when there is a body, else GET. */
  method?: Dispatcher.HttpMethod;
  /** Headers of one agent (its own bearer token, say); asked once per agent. */
  headers?: (agent: number) => Record<string, string>;
  /**
   * The body of one call. `seq` counts the agent's calls from 0, the call that opens its
   * connection included. A body without a content-type header is sent as application/json.
   */
  body?: (agent: number, seq: number) => string | Buffer;
}

/** `kind` is `http_<status>` for a non-2xx answer, else the error code (`ECONNREFUSED` …). */
export type CallOutcome = { ok: true } | { ok: false; kind: string };

const OK: CallOutcome = { ok: true };
/** Calls cut off by `destroy()` at the end of a run. */
export const UNFINISHED = 'unfinished';
const OPEN_CONCURRENCY = 64;

/** Counts failed calls by kind. */
export class ErrorTally {
  private readonly counts = new Map<string, number>();
  private count = 0;

  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.count++;
  }

  get total(): number {
    return this.count;
  }

  byKind(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/**
 * One keep-alive connection per simulated agent, the way agents really connect.
 * An undici Client with pipelining 1 per agent rather than node:http with an Agent of one
 * socket: undici skips node:http's ClientRequest/IncomingMessage stream machinery and took
 * clearly less CPU per call here, and the generator shares the machine with the server.
 */
export class AgentConnections {
  private destroyed = false;
  private connects = 0;

  private constructor(
    private readonly clients: Client[],
    private readonly path: string,
    private readonly method: Dispatcher.HttpMethod,
    private readonly agentHeaders: Record<string, string>[],
    private readonly body: LoadTarget['body'],
  ) {
    for (const client of clients) client.on('connect', () => this.connects++);
  }

  /**
   * Opens `agents` connections to the target and sends each one call (its seq 0), a few dozen
   * at a time, so every connection is up before anything is measured. Refuses a non-loopback
   * URL; throws `connection_failed` if an agent cannot reach the target at all (any HTTP answer
   * counts as reaching it).
   */
  static async open(
    target: LoadTarget,
    agents: number,
    timeoutMs: number,
  ): Promise<AgentConnections> {
    requireInteger('agents', agents, 1);
    requirePositive('timeoutMs', timeoutMs);
    const url = await requireLoopbackUrl(target.url);
    const clients = Array.from(
      { length: agents },
      () =>
        new Client(url.origin, {
          pipelining: 1,
          keepAliveTimeout: 60_000,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          connect: { timeout: timeoutMs },
        }),
    );
    const headers = clients.map((_, agent) => headersWithContentType(target, agent));
    const method = target.method ?? (target.body === undefined ? 'GET' : 'POST');
    const connections = new AgentConnections(
      clients,
      `${url.pathname}${url.search}`,
      method,
      headers,
      target.body,
    );
    const failure = await connections.callEachOnce().catch(async (error: unknown) => {
      await connections.destroy();
      throw error;
    });
    if (failure !== undefined) {
      await connections.destroy();
      throw new BridgeError(
        'connection_failed',
        `agent ${failure.agent} could not reach ${target.url}: ${failure.kind}`,
        { url: target.url, ...failure },
      );
    }
    return connections;
  }

  /** TCP connections opened so far; equal to the agent count while none was dropped. */
  get connectionsOpened(): number {
    return this.connects;
  }

  /** Sends one call on the agent's connection (queued behind its previous one) and reads the whole answer. */
  async call(agent: number, seq: number): Promise<CallOutcome> {
    const client = this.clients[agent];
    if (client === undefined) throw new RangeError(`no agent ${agent}`);
    const body = this.body?.(agent, seq);
    try {
      const response = await client.request({
        path: this.path,
        method: this.method,
        headers: this.agentHeaders[agent],
        body,
      });
      await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      const { statusCode } = response;
      return statusCode >= 200 && statusCode < 300 ? OK : { ok: false, kind: `http_${statusCode}` };
    } catch (error) {
      return { ok: false, kind: this.destroyed ? UNFINISHED : errorKind(error) };
    }
  }

  /** Lets calls in progress finish, then closes every connection (nothing left after `destroy`). */
  async close(): Promise<void> {
    if (this.destroyed) return;
    await Promise.all(this.clients.map((client) => client.close()));
  }

  /** Drops every connection now; calls still pending end as `unfinished`. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    await Promise.all(this.clients.map((client) => client.destroy()));
  }

  private async callEachOnce(): Promise<{ agent: number; kind: string } | undefined> {
    let next = 0;
    let failure: { agent: number; kind: string } | undefined;
    const worker = async (): Promise<void> => {
      while (next < this.clients.length && failure === undefined) {
        const agent = next++;
        const outcome = await this.call(agent, 0);
        if (!outcome.ok && !outcome.kind.startsWith('http_')) {
          failure = { agent, kind: outcome.kind };
        }
      }
    };
    const workers = Math.min(OPEN_CONCURRENCY, this.clients.length);
    await Promise.all(Array.from({ length: workers }, worker));
    return failure;
  }
}

function headersWithContentType(target: LoadTarget, agent: number): Record<string, string> {
  const headers = { ...target.headers?.(agent) };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (target.body !== undefined && !hasContentType) headers['content-type'] = 'application/json';
  return headers;
}

function errorKind(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'error';
}
