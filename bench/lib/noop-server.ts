import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { BridgeError } from '../../src/events/errors.js';

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Node's default of 5 s would drop the sockets of agents that call less often. */
const KEEP_ALIVE_MS = 60_000;

/**
 * Reads the whole body, then answers 200 `{"ok":true}`. Self-contained (it names nothing
 * from outside) because `spawnNoopServer` sends its source text to the child process.
 */
export function noopHandler(request: IncomingMessage, response: ServerResponse): void {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
    response.end('{"ok":true}');
  });
}

/** A keep-alive node:http server on 127.0.0.1 and a free port, in this process. */
export async function startHttpServer(handler: Handler): Promise<RunningServer> {
  const server = createServer({ keepAlive: true }, handler);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * The HTTP floor in this process. Only a fair floor when the server under test also runs in
 * the generator's process: there the two share one event loop, which on this machine costs
 * about half the throughput and about three times the P99 of separate processes.
 */
export function startNoopServer(): Promise<RunningServer> {
  return startHttpServer(noopHandler);
}

/**
 * The HTTP floor in a process of its own, like a bridge started with `lighthouse-bridge serve`.
 * The child prints its port, and exits when its stdin closes, so it cannot outlive this process.
 */
export function spawnNoopServer(): Promise<RunningServer> {
  const program = [
    "const http = require('node:http');",
    `const server = http.createServer({ keepAlive: true }, ${noopHandler.toString()});`,
    `server.keepAliveTimeout = ${KEEP_ALIVE_MS};`,
    "server.listen(0, '127.0.0.1', () => console.log(server.address().port));",
    'process.stdin.on("end", () => process.exit(0)).resume();',
  ].join('\n');
  const child = spawn(process.execPath, ['-e', program], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      child.kill();
      reject(new BridgeError('server_start_failed', `the noop server process ${why}`));
    };
    const exitedEarly = (code: number | null): void => fail(`exited with ${code} before listening`);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    child.once('exit', exitedEarly);
    createInterface({ input: child.stdout }).once('line', (line) => {
      child.off('exit', exitedEarly);
      resolve({
        url: `http://127.0.0.1:${Number(line)}`,
        close: async () => {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}
