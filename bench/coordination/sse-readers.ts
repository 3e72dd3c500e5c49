import { Client } from 'undici';
import { type SseMessage, SseParser } from '../../src/client/sse-parser.js';
import { BridgeError } from '../../src/events/errors.js';
import { nowUs } from '../lib/clock.js';
import { requireLoopbackUrl } from '../lib/loopback.js';
import { requirePositive } from '../lib/options.js';

/** Called for every message of every stream, with the moment its chunk arrived (bench clock, µs). */
export type SseListener = (reader: number, message: SseMessage, receivedUs: number) => void;

const OPEN_CONCURRENCY = 64;

/**
 * Many long-lived Server-Sent Event streams, one per reader, each on a connection of its own (an
 * undici Client per reader, so no pool limit caps how many are open at once), the way each agent
 * holds its own feed. Every message is handed to one listener with the reader it came to.
 */
export class SseReaders {
  private readonly clients = new Map<number, Client>();
  private closing = false;
  private ended = 0;

  private constructor(
    private readonly url: URL,
    private readonly listener: SseListener,
    private readonly timeoutMs: number,
  ) {}

  /** Refuses a URL that is not on this machine (`non_loopback_target`). */
  static async create(
    url: string,
    listener: SseListener,
    options: { timeoutMs?: number } = {},
  ): Promise<SseReaders> {
    const timeoutMs = requirePositive('timeoutMs', options.timeoutMs ?? 10_000);
    return new SseReaders(await requireLoopbackUrl(url), listener, timeoutMs);
  }

  /** Streams open now. */
  get open(): number {
    return this.clients.size;
  }

  /** Streams that ended or failed before `close()`: a reader that silently stopped receiving. */
  get dropped(): number {
    return this.ended;
  }

  /**
   * Opens one stream per reader (`reader` numbers the listener sees; `headers` the reader's own,
   * its bearer token say), a few dozen at a time, and resolves once every one has answered 200.
   * Throws `sse_open_failed` naming the first reader that got anything else.
   */
  async connect(readers: ReadonlyArray<{ reader: number; headers: Record<string, string> }>) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < readers.length) {
        const { reader, headers } = readers[next++] as (typeof readers)[number];
        await this.connectOne(reader, headers);
      }
    };
    await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, readers.length) }, worker));
  }

  /** Drops every stream. */
  async close(): Promise<void> {
    this.closing = true;
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((client) => client.destroy()));
  }

  private async connectOne(reader: number, headers: Record<string, string>): Promise<void> {
    if (this.clients.has(reader)) throw new RangeError(`reader ${reader} is already connected`);
    const client = new Client(this.url.origin, {
      pipelining: 1,
      headersTimeout: this.timeoutMs,
      bodyTimeout: 0,
      connect: { timeout: this.timeoutMs },
    });
    this.clients.set(reader, client);
    const response = await client
      .request({
        path: `${this.url.pathname}${this.url.search}`,
        method: 'GET',
        headers: { accept: 'text/event-stream', ...headers },
      })
      .catch((error: unknown) => {
        throw this.openFailed(reader, error instanceof Error ? error.message : String(error));
      });
    if (response.statusCode !== 200) {
      const text = await response.body.text().catch(() => '');
      throw this.openFailed(reader, `HTTP ${response.statusCode} ${text.slice(0, 200)}`);
    }
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const body = response.body;
    body.on('data', (chunk: Buffer) => {
      const receivedUs = nowUs();
      for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
        this.listener(reader, message, receivedUs);
      }
    });
    let settled = false;
    const stopped = (): void => {
      if (settled) return;
      settled = true;
      if (!this.closing) this.ended++;
    };
    body.once('end', stopped);
    body.once('error', stopped);
  }

  private openFailed(reader: number, why: string): BridgeError {
    return new BridgeError(
      'sse_open_failed',
      `reader ${reader} could not open ${this.url}: ${why}`,
      {
        reader,
      },
    );
  }
}
