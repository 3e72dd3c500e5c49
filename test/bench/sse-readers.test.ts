import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SseReaders } from '../../bench/coordination/sse-readers.js';
import { type RunningServer, startHttpServer } from '../../bench/lib/noop-server.js';
import type { SseMessage } from '../../src/client/sse-parser.js';

const servers: RunningServer[] = [];
const readers: SseReaders[] = [];
afterEach(async () => {
  await Promise.all(readers.splice(0).map((open) => open.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An SSE server that keeps every stream by its bearer token, for the test to write to. */
async function sseServer() {
  const streams = new Map<string, ServerResponse>();
  const server = await startHttpServer((request: IncomingMessage, response: ServerResponse) => {
    const token = request.headers.authorization?.replace('Bearer ', '') ?? '';
    if (token === 'refused') {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no"}');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(': connected\n\n');
    streams.set(token, response);
  });
  servers.push(server);
  return { url: `${server.url}/v1/agents/me/feed`, streams };
}

async function openReaders(url: string) {
  const received: Array<{ reader: number; message: SseMessage; receivedUs: number }> = [];
  const open = await SseReaders.create(url, (reader, message, receivedUs) => {
    received.push({ reader, message, receivedUs });
  });
  readers.push(open);
  return { open, received };
}

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 400 && !condition(); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(condition()).toBe(true);
}

describe('SseReaders', () => {
  it('holds one stream per reader and hands each message to the reader it came to', async () => {
    const { url, streams } = await sseServer();
    const { open, received } = await openReaders(url);
    await open.connect(
      [7, 8, 9].map((reader) => ({ reader, headers: { authorization: `Bearer t${reader}` } })),
    );
    expect(open.open).toBe(3);
    expect([...streams.keys()].sort()).toEqual(['t7', 't8', 't9']);

    streams.get('t8')?.write('id: 1\nevent: message\ndata: {"n":1}\n\n');
    // A frame split across writes is put back together.
    streams.get('t9')?.write('id: 2\nevent: question\nda');
    streams.get('t9')?.write('ta: {"n":2}\n\n');
    await until(() => received.length === 2);

    // Streams are independent: only the order within one stream is kept.
    const byReader = [...received].sort((a, b) => a.reader - b.reader);
    expect(byReader.map(({ reader, message }) => ({ reader, ...message }))).toEqual([
      { reader: 8, id: '1', event: 'message', data: '{"n":1}' },
      { reader: 9, id: '2', event: 'question', data: '{"n":2}' },
    ]);
    expect(received.every(({ receivedUs }) => Number.isFinite(receivedUs))).toBe(true);
    expect(open.dropped).toBe(0);
  });

  it('counts a stream the server ends as dropped, and none of those it closes itself', async () => {
    const { url, streams } = await sseServer();
    const { open } = await openReaders(url);
    await open.connect(
      [0, 1].map((reader) => ({ reader, headers: { authorization: `Bearer ${reader}` } })),
    );
    streams.get('0')?.end();
    await until(() => open.dropped === 1);
    await open.close();
    expect(open.dropped).toBe(1);
    expect(open.open).toBe(0);
  });

  it('refuses a reader the server does not answer 200, naming it', async () => {
    const { url } = await sseServer();
    const { open } = await openReaders(url);
    await expect(
      open.connect([{ reader: 4, headers: { authorization: 'Bearer refused' } }]),
    ).rejects.toMatchObject({
      code: 'sse_open_failed',
      message: expect.stringMatching(/reader 4.*HTTP 401/),
    });
  });

  it('refuses to connect twice for one reader', async () => {
    const { url } = await sseServer();
    const { open } = await openReaders(url);
    const reader = { reader: 1, headers: { authorization: 'Bearer once' } };
    await open.connect([reader]);
    await expect(open.connect([reader])).rejects.toThrow(RangeError);
  });

  it('refuses a target that is not on this machine', async () => {
    await expect(SseReaders.create('http://192.0.2.1/feed', () => {})).rejects.toMatchObject({
      code: 'non_loopback_target',
    });
  });
});
