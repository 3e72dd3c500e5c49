import { connect, type Socket } from 'node:net';

/** What a finished call learned: the status, or why there was none. */
export type Http1Outcome = { status: number } | { error: string };

/** An answer did not come within the timeout. */
export const TIMEOUT = 'timeout';
/** The server closed the connection before answering. */
export const CLOSED = 'closed';
/** The answer was not HTTP/1.1 as this client reads it. */
export const MALFORMED = 'malformed_response';

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

interface Pending {
  head: string;
  body: Buffer;
  done(outcome: Http1Outcome): void;
}

/** Where the answer being read stands. */
type Reading =
  | { part: 'head' }
  | { part: 'body'; status: number; remaining: number }
  | { part: 'chunk-size'; status: number }
  | { part: 'chunk'; status: number; remaining: number }
  | { part: 'chunk-end'; status: number }
  | { part: 'trailer'; status: number };

/**
 * One keep-alive HTTP/1.1 connection that sends a call only once the previous one is answered
 * (pipelining 1). A load generator shares the machine with the server it measures, so it does
 * the least it can per call: one write of a prepared request, answers counted by their length
 * without building objects for them. It reads Content-Length and chunked answers; a connection
 * the server closes is opened again for the next call.
 */
export class Http1Connection {
  private socket: Socket | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private reading: Reading = { part: 'head' };
  private closing = false;
  private connects = 0;
  private idleWaiters: Array<() => void> = [];

  private readonly host: string;
  private readonly port: number;

  /** `origin` as in a URL: `http://127.0.0.1:8765`. */
  constructor(
    private readonly origin: URL,
    private readonly timeoutMs: number,
  ) {
    this.host = origin.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = Number(origin.port || 80);
  }

  /** TCP connections opened so far. */
  get connectionsOpened(): number {
    return this.connects;
  }

  /** Sends the call after those before it; resolves once its whole answer has been read. */
  request(
    method: string,
    path: string,
    headerLines: string,
    body: string | Buffer | undefined,
  ): Promise<Http1Outcome> {
    const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(body);
    const head =
      `${method} ${path} HTTP/1.1\r\nhost: ${this.origin.host}\r\n${headerLines}` +
      `content-length: ${bytes.length}\r\n\r\n`;
    return new Promise((done) => {
      if (this.closing) {
        done({ error: CLOSED });
        return;
      }
      this.queue.push({ head, body: bytes, done });
      if (!this.current) this.sendNext();
    });
  }

  /** Ends the connection once the calls already queued are answered. */
  async close(): Promise<void> {
    if (this.current || this.queue.length > 0) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
    this.destroy(CLOSED);
  }

  /** Drops the connection now; every call not yet answered ends with `reason`. */
  destroy(reason: string): void {
    this.closing = true;
    this.drop(reason);
  }

  private sendNext(): void {
    const next = this.queue.shift();
    if (!next) return;
    this.current = next;
    const socket = this.socket ?? this.open();
    socket.setTimeout(this.timeoutMs);
    socket.write(
      next.body.length > 0 ? Buffer.concat([Buffer.from(next.head), next.body]) : next.head,
    );
  }

  private open(): Socket {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.connects++;
    this.socket = socket;
    this.buffered = Buffer.alloc(0);
    this.reading = { part: 'head' };
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.drop(TIMEOUT));
    socket.on('error', (error: NodeJS.ErrnoException) => this.drop(error.code ?? error.name));
    socket.on('close', () => this.drop(CLOSED));
    return socket;
  }

  /** The connection is gone: the call in flight and those queued end with `reason`. */
  private drop(reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
    }
    const failed = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = null;
    for (const call of failed) call.done({ error: reason });
    this.whenIdle();
  }

  private whenIdle(): void {
    if (this.current || this.queue.length > 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.current && this.step()) {
      // each step consumes one part of the answer
    }
  }

  /** Reads one part of the answer from the buffer; false when more bytes are needed. */
  private step(): boolean {
    const reading = this.reading;
    switch (reading.part) {
      case 'head':
        return this.readHead();
      case 'body':
      case 'chunk': {
        const taken = Math.min(reading.remaining, this.buffered.length);
        this.buffered = this.buffered.subarray(taken);
        reading.remaining -= taken;
        if (reading.remaining > 0) return false;
        if (reading.part === 'body') return this.finish(reading.status);
        this.reading = { part: 'chunk-end', status: reading.status };
        return true;
      }
      case 'chunk-end': {
        const line = this.takeLine();
        if (line === null) return false;
        if (line !== '') return this.fail(MALFORMED);
        this.reading = { part: 'chunk-size', status: reading.status };
        return true;
      }
      case 'chunk-size': {
        const line = this.takeLine();
        if (line === null) return false;
        const size = Number.parseInt(line, 16);
        if (!Number.isFinite(size)) return this.fail(MALFORMED);
        this.reading =
          size === 0
            ? { part: 'trailer', status: reading.status }
            : { part: 'chunk', status: reading.status, remaining: size };
        return true;
      }
      case 'trailer': {
        const line = this.takeLine();
        if (line === null) return false;
        return line === '' ? this.finish(reading.status) : true;
      }
    }
  }

  private readHead(): boolean {
    const end = this.buffered.indexOf(HEAD_END);
    if (end < 0) return false;
    const head = this.buffered.toString('latin1', 0, end);
    this.buffered = this.buffered.subarray(end + HEAD_END.length);
    const status = Number(head.slice(9, 12));
    if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) return this.fail(MALFORMED);
    const lower = head.toLowerCase();
    if (/\r\ntransfer-encoding:[^\r]*chunked/.test(lower)) {
      this.reading = { part: 'chunk-size', status };
      return true;
    }
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (!length) return this.fail(MALFORMED);
    this.reading = { part: 'body', status, remaining: Number(length[1]) };
    return true;
  }

  private takeLine(): string | null {
    const end = this.buffered.indexOf(CRLF);
    if (end < 0) return null;
    const line = this.buffered.toString('latin1', 0, end);
    this.buffered = this.buffered.subarray(end + CRLF.length);
    return line;
  }

  private finish(status: number): boolean {
    const call = this.current;
    this.current = null;
    this.reading = { part: 'head' };
    this.socket?.setTimeout(0);
    call?.done({ status });
    this.sendNext();
    this.whenIdle();
    return true;
  }

  private fail(reason: string): boolean {
    this.drop(reason);
    return false;
  }
}
