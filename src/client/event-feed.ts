import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { EventEnvelope } from '../events/envelope.js';
import { BridgeClientError } from './errors.js';
import { SseParser } from './sse-parser.js';

export interface EventFeedOptions {
  /** Resume after this position (the `Last-Event-ID` of the first connection). */
  after?: number;
  /** Longest pause between reconnection attempts. */
  maxBackoffMs?: number;
}

type Connect = (
  lastEventId: number | undefined,
  signal: AbortSignal,
) => Promise<Dispatcher.ResponseData>;

/**
 * A server-sent event stream of envelopes that reconnects by itself, resuming exactly after the
 * last position it handed out; a 4xx answer (bad filter, revoked token) ends it with an error.
 */
export class EventFeed implements AsyncIterable<EventEnvelope> {
  private readonly controller = new AbortController();
  private lastPosition: number | undefined;

  constructor(
    private readonly connect: Connect,
    private readonly options: EventFeedOptions = {},
  ) {
    this.lastPosition = options.after;
  }

  get position(): number | undefined {
    return this.lastPosition;
  }

  close(): void {
    this.controller.abort();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<EventEnvelope> {
    const signal = this.controller.signal;
    let failures = 0;
    try {
      while (!signal.aborted) {
        let response: Dispatcher.ResponseData;
        try {
          response = await this.connect(this.lastPosition, signal);
        } catch {
          if (signal.aborted) return;
          failures += 1;
          await this.backoff(failures);
          continue;
        }
        if (response.statusCode >= 400) {
          const text = await response.body.text();
          if (response.statusCode < 500) throw errorOf(response.statusCode, text);
          failures += 1;
          await this.backoff(failures);
          continue;
        }
        failures = 0;
        const parser = new SseParser();
        const decoder = new TextDecoder();
        try {
          for await (const chunk of response.body) {
            for (const message of parser.push(decoder.decode(chunk, { stream: true }))) {
              const envelope = JSON.parse(message.data) as EventEnvelope;
              this.lastPosition = envelope.position;
              yield envelope;
            }
          }
        } catch {
          if (signal.aborted) return;
          failures += 1;
          await this.backoff(failures);
        }
      }
    } finally {
      this.controller.abort();
    }
  }

  private async backoff(failures: number): Promise<void> {
    const delay = Math.min(this.options.maxBackoffMs ?? 5000, 50 * 2 ** Math.min(failures, 10));
    await sleep(delay, undefined, { signal: this.controller.signal }).catch(() => undefined);
  }
}

export function errorOf(status: number, text: string): BridgeClientError {
  try {
    const { error } = JSON.parse(text) as { error: { code: string; message: string } };
    return new BridgeClientError(status, error.code, error.message);
  } catch {
    return new BridgeClientError(status, 'http_error', `HTTP ${status}: ${text.slice(0, 200)}`);
  }
}
