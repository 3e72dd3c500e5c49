import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../../package-root.js';
import type { AppendResult, EventEnvelope, ExpectedRevision } from '../envelope.js';
import { BridgeError, StoreClosedError } from '../errors.js';
import type { Snapshot } from '../snapshots.js';
import type { AppendObserver, CommitListener } from '../store.js';
import type { PreparedEvent } from '../validate.js';
import {
  type BatchOutcome,
  type OperationOutcome,
  refusalError,
  type WriteOperation,
} from './write-protocol.js';

interface Queued {
  operation: WriteOperation;
  /** The appended events as the caller gave them, to build the committed envelopes from. */
  prepared?: PreparedEvent[];
  resolve(value: AppendResult | undefined): void;
  reject(error: unknown): void;
}

/**
 * The compiled write thread. Running from the TypeScript sources (the tests), the thread is
 * still the compiled one, as a worker cannot load TypeScript; it must then be built from the
 * sources as they are, or the two threads would disagree about the files they share.
 */
function writeWorkerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'write-worker.js');
  const file = path.join(packageRoot(), 'dist', 'events', 'sqlite', 'write-worker.js');
  const built = existsSync(file) ? statSync(file).mtimeMs : null;
  const sources = path.dirname(path.dirname(here));
  const newer = built === null ? undefined : newerSource(sources, built);
  if (built === null || newer !== undefined) {
    throw new BridgeError(
      'internal_error',
      `${file} is ${built === null ? 'missing' : `older than ${newer}`}: run "npm run build" first`,
    );
  }
  return file;
}

/** A source of the event store changed after the write thread was built. */
function newerSource(eventsDir: string, builtMs: number): string | undefined {
  for (const dir of [eventsDir, path.join(eventsDir, 'sqlite')]) {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name.endsWith('.ts') && statSync(file).mtimeMs > builtMs) return file;
    }
  }
  return undefined;
}

/**
 * The single writer. Commits run on a write thread, one batch at a time; appends that arrive
 * while a batch is being committed wait and go together in the next one: one transaction and one
 * fsync for all of them (group commit). A promise resolves only after its transaction is durable.
 */
export class SqliteWriter {
  private queue: Queued[] = [];
  private inFlight: Queued[] | null = null;
  private flushScheduled = false;
  private closed = false;
  private broken: Error | null = null;
  private idle: Array<() => void> = [];
  private readonly listeners = new Set<CommitListener>();
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(
    file: string,
    secret: Buffer,
    private readonly observer: AppendObserver = {},
  ) {
    this.worker = new Worker(writeWorkerFile(), { workerData: { file, secret } });
    this.worker.on('message', (outcome: BatchOutcome) => this.settle(outcome));
    this.worker.on('error', (error) => this.breakDown(error));
    this.exited = new Promise((resolve) => {
      this.worker.on('exit', (code) => {
        this.breakDown(new Error(`the write thread stopped (exit code ${code})`));
        resolve();
      });
    });
  }

  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(
    streamId: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const operation: WriteOperation = {
      kind: 'append',
      streamId,
      expected,
      events: events.map((event) => ({
        id: event.id,
        type: event.type,
        dataText: event.dataText,
        metadataText: event.metadataText,
        agentId: event.metadata.agentId ?? null,
        correlationId: event.metadata.correlationId ?? null,
      })),
    };
    return this.enqueue(operation, events) as Promise<AppendResult>;
  }

  async putBlob(hash: string, content: Uint8Array): Promise<void> {
    await this.enqueue({ kind: 'blob', hash, content });
  }

  async saveSnapshot(name: string, snapshot: Snapshot): Promise<void> {
    const { position, version, state } = snapshot;
    const savedAt = new Date().toISOString();
    const stateText = JSON.stringify(state);
    await this.enqueue({ kind: 'snapshot', name, position, version, stateText, savedAt });
  }

  /** Refuses new work, commits everything queued, then stops the write thread. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length > 0 || this.inFlight) {
      await new Promise<void>((resolve) => this.idle.push(resolve));
    }
    if (!this.broken) this.worker.postMessage('close');
    await this.exited;
  }

  private enqueue(operation: WriteOperation, prepared?: PreparedEvent[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ operation, prepared, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // Appends made in the same turn of the event loop go in one batch.
        queueMicrotask(() => {
          this.flushScheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = this.queue;
    this.queue = [];
    this.worker.postMessage({ batch: this.inFlight.map((queued) => queued.operation) });
  }

  private settle(outcome: BatchOutcome): void {
    const batch = this.inFlight ?? [];
    this.inFlight = null;
    if (!outcome.ok) {
      const error = new BridgeError('internal_error', `nothing was recorded: ${outcome.message}`);
      for (const queued of batch) queued.reject(error);
    } else {
      const committed = collectCommitted(batch, outcome.outcomes);
      const appends = batch.filter((queued) => queued.operation.kind === 'append').length;
      this.observer.onCommit?.({ appends, events: committed.length, seconds: outcome.seconds });
      if (committed.length > 0) {
        for (const listener of this.listeners) listener(committed);
      }
      batch.forEach((queued, index) => {
        const result = outcome.outcomes[index] as OperationOutcome;
        if (result.ok) queued.resolve(result.result);
        else queued.reject(refusalError(result.refusal));
      });
    }
    this.afterBatch();
  }

  private afterBatch(): void {
    if (this.queue.length > 0 && !this.broken) {
      this.flush();
      return;
    }
    if (this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** The write thread failed or stopped: everything waiting, and everything after, is refused. */
  private breakDown(error: Error): void {
    if (this.broken) return;
    this.broken = this.closed ? new StoreClosedError() : error;
    for (const queued of [...(this.inFlight ?? []), ...this.queue]) queued.reject(this.broken);
    this.inFlight = null;
    this.queue = [];
    for (const resolve of this.idle.splice(0)) resolve();
  }
}

function collectCommitted(batch: Queued[], outcomes: OperationOutcome[]): EventEnvelope[] {
  const committed: EventEnvelope[] = [];
  batch.forEach(({ operation, prepared }, index) => {
    const outcome = outcomes[index] as OperationOutcome;
    if (!outcome.ok || !outcome.recorded || operation.kind !== 'append' || !prepared) return;
    outcome.recorded.forEach((facts, at) => {
      const event = prepared[at] as PreparedEvent;
      committed.push({
        position: facts.position,
        streamId: operation.streamId,
        revision: facts.revision,
        id: facts.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        recordedAt: facts.recordedAt,
        hash: facts.hash,
      });
    });
  });
  return committed;
}
