import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSED, Http1Connection, MALFORMED, TIMEOUT } from '../../bench/lib/http1-connection.js';

const servers: Server[] = [];
const connections: Http1Connection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) connection.destroy(CLOSED);
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A TCP server that answers each request (head and body read by length) with `answer(n)`, byte by byte as given. */
async function rawServer(
  answer: (requestNumber: number, socket: Socket) => Array<string> | null,
): Promise<{ url: URL; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((socket) => {
    let pending = '';
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      pending += text;
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        requests.push(pending.slice(0, end + 4 + length));
        pending = pending.slice(end + 4 + length);
        const pieces = answer(requests.length, socket);
        if (pieces === null) continue;
        for (const [index, piece] of pieces.entries()) {
          setTimeout(() => socket.write(piece), index * 5);
        }
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: new URL(`http://127.0.0.1:${address.port}`), requests };
}

function open(url: URL, timeoutMs = 2000): Http1Connection {
  const connection = new Http1Connection(url, timeoutMs);
  connections.push(connection);
  return connection;
}

describe('Http1Connection', () => {
  it('sends the request as given and reads answers by length, heads and bodies split anywhere', async () => {
    const { url, requests } = await rawServer((n) =>
      n === 1
        ? ['HTTP/1.1 200 OK\r\nContent-Le', 'ngth: 5\r\n\r', '\nhel', 'lo']
        : ['HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n'],
    );
    const connection = open(url);
    const first = connection.request('POST', '/v1/x?y=1', 'authorization: Bearer t\r\n', '{"a":1}');
    const second = connection.request('GET', '/missing', '', undefined);
    expect(await first).toEqual({ status: 200 });
    expect(await second).toEqual({ status: 404 });
    expect(requests[0]).toBe(
      `POST /v1/x?y=1 HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer t\r\ncontent-length: 7\r\n\r\n{"a":1}`,
    );
    expect(requests[1]).toContain('GET /missing HTTP/1.1\r\n');
    expect(connection.connectionsOpened).toBe(1);
  });

  it('reads chunked answers, chunk sizes and their line ends split across packets', async () => {
    const { url } = await rawServer(() => [
      'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n',
      '3\r\nabc\r',
      '\na\r\n0123456789\r\n0\r',
      '\n\r\n',
    ]);
    const connection = open(url);
    expect(await connection.request('GET', '/', '', undefined)).toEqual({ status: 201 });
    expect(await connection.request('GET', '/', '', undefined)).toEqual({ status: 201 });
  });

  it('sends a call only after the answer before it', async () => {
    const unanswered: number[] = [];
    let answered = 0;
    const { url, requests } = await rawServer((n) => {
      unanswered.push(n - answered);
      setTimeout(() => answered++, 0);
      return [`HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\n${n}`];
    });
    const connection = open(url);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => connection.request('GET', '/', '', undefined)),
    );
    expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ status: 200 })));
    expect(requests).toHaveLength(5);
    expect(unanswered).toEqual([1, 1, 1, 1, 1]);
  });

  it('fails the call when the server closes without answering, then opens a new connection', async () => {
    const { url } = await rawServer((n, socket) => {
      if (n === 1) {
        socket.end();
        return null;
      }
      return ['HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n'];
    });
    const connection = open(url);
    expect(await connection.request('GET', '/', '', undefined)).toEqual({ error: CLOSED });
    expect(await connection.request('GET', '/', '', undefined)).toEqual({ status: 200 });
    expect(connection.connectionsOpened).toBe(2);
  });

  it('ends a call with a timeout when no answer comes, and what is not HTTP as malformed', async () => {
    const silent = await rawServer(() => null);
    expect(await open(silent.url, 100).request('GET', '/', '', undefined)).toEqual({
      error: TIMEOUT,
    });
    const garbage = await rawServer(() => ['SMTP ready\r\n\r\n']);
    expect(await open(garbage.url).request('GET', '/', '', undefined)).toEqual({
      error: MALFORMED,
    });
    const noLength = await rawServer(() => ['HTTP/1.1 200 OK\r\n\r\n']);
    expect(await open(noLength.url).request('GET', '/', '', undefined)).toEqual({
      error: MALFORMED,
    });
  });

  it('fails what is queued with the reason it is dropped for, and refuses calls after', async () => {
    const { url } = await rawServer(() => null);
    const connection = open(url);
    const calls = [1, 2, 3].map(() => connection.request('GET', '/', '', undefined));
    connection.destroy('unfinished');
    expect(await Promise.all(calls)).toEqual(calls.map(() => ({ error: 'unfinished' })));
    expect(await connection.request('GET', '/', '', undefined)).toEqual({ error: CLOSED });
  });

  it('closes once the calls already queued are answered', async () => {
    const { url } = await rawServer(() => ['HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n']);
    const connection = open(url);
    const calls = [1, 2].map(() => connection.request('GET', '/', '', undefined));
    await connection.close();
    expect(await Promise.all(calls)).toEqual([{ status: 200 }, { status: 200 }]);
  });
});
