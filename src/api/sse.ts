import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BridgeError } from '../events/errors.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;

/** What an SSE response sends: items with a log position, in order; `close()` ends it. */
export interface SseSource<T extends { position: number }> extends AsyncIterable<T> {
  readonly lastPosition: number;
  close(): void;
}

interface OpenStream {
  source: SseSource<{ position: number }>;
  end(): void;
}

/** The SSE responses being served: ended together on shutdown, and read for the lag metric. */
export class LiveStreams {
  private readonly open = new Set<OpenStream>();

  add(stream: OpenStream): void {
    this.open.add(stream);
  }

  delete(stream: OpenStream): void {
    this.open.delete(stream);
  }

  *deliveredPositions(): Iterable<number> {
    for (const stream of this.open) yield stream.source.lastPosition;
  }

  endAll(): void {
    for (const stream of [...this.open]) stream.end();
  }
}

function drained(raw: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      raw.off('drain', done);
      raw.off('close', done);
      resolve();
    };
    raw.on('drain', done);
    raw.on('close', done);
  });
}

export interface SseOptions {
  streams: LiveStreams;
  heartbeatMs: number;
}

/** An item as `id: <position>` and `data: <JSON>`. */
export function envelopeFrame(item: { position: number }): string {
  return `id: ${item.position}\ndata: ${JSON.stringify(item)}\n\n`;
}

/**
 * Sends a source as Server-Sent Events (each item as `frame` writes it) until the client goes
 * away or the server shuts down, waiting for 'drain' whenever the socket is full.
 */
export async function sendEvents<T extends { position: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  source: SseSource<T>,
  options: SseOptions,
  frame: (item: T) => string = envelopeFrame,
): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    // One stream per connection: the socket closes with the stream, so shutdown never waits on it.
    connection: 'close',
    'x-accel-buffering': 'no',
  });
  raw.write(': connected\n\n');
  const heartbeat = setInterval(() => {
    if (!raw.writableNeedDrain) raw.write(': heartbeat\n\n');
  }, options.heartbeatMs);
  const stream: OpenStream = {
    source,
    end: () => {
      source.close();
      // A client that stopped reading cannot take the end of the stream: drop its connection.
      if (raw.writableNeedDrain) raw.destroy();
    },
  };
  options.streams.add(stream);
  raw.on('close', stream.end);
  try {
    for await (const item of source) {
      if (raw.destroyed) break;
      if (!raw.write(frame(item))) await drained(raw);
    }
  } catch (error) {
    const code = error instanceof BridgeError ? error.code : 'internal_error';
    request.log.warn({ err: error }, 'event stream ended by an error');
    if (!raw.destroyed) {
      raw.write(
        `event: error\ndata: ${JSON.stringify({ error: { code, message: 'the event stream failed' } })}\n\n`,
      );
    }
  } finally {
    clearInterval(heartbeat);
    source.close();
    options.streams.delete(stream);
    raw.off('close', stream.end);
    if (!raw.writableEnded) raw.end();
  }
}
