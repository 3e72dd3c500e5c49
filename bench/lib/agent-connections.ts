import { BridgeError } from '../../src/events/errors.js';
import { Http1Connection } from './http1-connection.js';
import { requireLoopbackUrl } from './loopback.js';
import { requireInteger, requirePositive } from './options.js';

/** What every simulated agent calls. */
export interface LoadTarget {
  /** A loopback http:// URL, path and query included. */
  url: string;
  /** Default POST when there is a body, else GET. */
  method?: string;
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
 * One keep-alive connection per simulated agent, the way agents really connect: each an
 * Http1Connection (pipelining 1), which spends far less CPU per call than a general-purpose
 * client; the generator shares the machine with the server it measures.
 */
export class AgentConnections {
  private destroyed = false;

  private constructor(
    private readonly connections: Http1Connection[],
    private readonly path: string,
    private readonly method: string,
    private readonly agentHeaderLines: string[],
    private readonly body: LoadTarget['body'],
  ) {}

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
    const connections = Array.from({ length: agents }, () => new Http1Connection(url, timeoutMs));
    const headerLines = connections.map((_, agent) =>
      Object.entries(headersWithContentType(target, agent))
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join(''),
    );
    const method = target.method ?? (target.body === undefined ? 'GET' : 'POST');
    const opened = new AgentConnections(
      connections,
      `${url.pathname}${url.search}`,
      method,
      headerLines,
      target.body,
    );
    const failure = await opened.callEachOnce().catch(async (error: unknown) => {
      await opened.destroy();
      throw error;
    });
    if (failure !== undefined) {
      await opened.destroy();
      throw new BridgeError(
        'connection_failed',
        `agent ${failure.agent} could not reach ${target.url}: ${failure.kind}`,
        { url: target.url, ...failure },
      );
    }
    return opened;
  }

  /** TCP connections opened so far; equal to the agent count while none was dropped. */
  get connectionsOpened(): number {
    return this.connections.reduce((sum, connection) => sum + connection.connectionsOpened, 0);
  }

  /** Sends one call on the agent's connection (queued behind its previous one) and reads the whole answer. */
  async call(agent: number, seq: number): Promise<CallOutcome> {
    const connection = this.connections[agent];
    if (connection === undefined) throw new RangeError(`no agent ${agent}`);
    const outcome = await connection.request(
      this.method,
      this.path,
      this.agentHeaderLines[agent] as string,
      this.body?.(agent, seq),
    );
    if ('error' in outcome) {
      return { ok: false, kind: this.destroyed ? UNFINISHED : outcome.error };
    }
    const { status } = outcome;
    return status >= 200 && status < 300 ? OK : { ok: false, kind: `http_${status}` };
  }

  /** Lets calls in progress finish, then closes every connection (nothing left after `destroy`). */
  async close(): Promise<void> {
    if (this.destroyed) return;
    await Promise.all(this.connections.map((connection) => connection.close()));
  }

  /** Drops every connection now; calls still pending end as `unfinished`. */
  async destroy(): Promise<void> {
    this.destroyed = true;
    for (const connection of this.connections) connection.destroy(UNFINISHED);
  }

  private async callEachOnce(): Promise<{ agent: number; kind: string } | undefined> {
    let next = 0;
    let failure: { agent: number; kind: string } | undefined;
    const worker = async (): Promise<void> => {
      while (next < this.connections.length && failure === undefined) {
        const agent = next++;
        const outcome = await this.call(agent, 0);
        if (!outcome.ok && !outcome.kind.startsWith('http_')) {
          failure = { agent, kind: outcome.kind };
        }
      }
    };
    const workers = Math.min(OPEN_CONCURRENCY, this.connections.length);
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
