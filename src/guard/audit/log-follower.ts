import { CoalescedRun } from '../../events/coalesced-run.js';
import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import type { EventStore } from '../../events/store.js';

const PAGE = 1000;
export const DEFAULT_FOLLOW_REFRESH_MS = 1000;

/** A read model fed with the events of some types, in log order, each once. */
export interface LogFold {
  readonly types: readonly string[];
  apply(event: EventEnvelope): void;
}

/** A fold whose state can be saved, so a restart reads only what came after. */
export interface SnapshotFold extends LogFold {
  readonly snapshotName: string;
  /** Bump when the state's shape or meaning changes: older snapshots are then ignored. */
  readonly snapshotVersion: number;
  saveState(): JsonValue;
  restoreState(state: JsonValue): void;
}

export interface LogFollowerOptions {
  /** Skip events recorded before this time (epoch milliseconds) when starting. */
  since?: number;
  /** How often to look for events other nodes sharing the store wrote (local commits are seen at once). */
  refreshIntervalMs?: number;
}

function isSnapshotFold(fold: LogFold): fold is SnapshotFold {
  return 'snapshotName' in fold;
}

/**
 * Keeps a fold current: reads what was recorded at start, then folds each local commit's events as
 * the commit announces them, and reads on a timer for other nodes' commits. Everything up to
 * `position` has been looked at; a commit that does not continue right after it (another node
 * wrote in between, or a read is under way) is read from the log instead, so events arrive in log
 * order, each once, whoever wrote them.
 */
export class LogFollower {
  private scannedPosition = 0;
  private readonly reads = new CoalescedRun(() => this.readNewEvents());
  private stopCommits: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private since: number | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly fold: LogFold,
    private readonly options: LogFollowerOptions = {},
  ) {
    this.since = options.since;
  }

  get position(): number {
    return this.scannedPosition;
  }

  async start(): Promise<void> {
    if (isSnapshotFold(this.fold)) {
      const snapshot = await this.store.loadSnapshot(this.fold.snapshotName);
      if (snapshot && snapshot.version === this.fold.snapshotVersion) {
        this.fold.restoreState(snapshot.state);
        this.scannedPosition = snapshot.position;
      }
    }
    await this.catchUp();
    this.since = undefined;
    const types = new Set(this.fold.types);
    this.stopCommits = this.store.onCommit((events) => this.foldCommit(events, types));
    this.timer = setInterval(
      () => this.refresh(),
      this.options.refreshIntervalMs ?? DEFAULT_FOLLOW_REFRESH_MS,
    );
    this.timer.unref();
  }

  /** Stops following; a snapshot fold saves its state so the next start reads less. */
  async stop(): Promise<void> {
    this.stopCommits?.();
    this.stopCommits = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reads.settled();
    if (isSnapshotFold(this.fold) && this.scannedPosition > 0) {
      // A snapshot only saves reading at the next start; failing to write one must not stop a shutdown.
      await this.store
        .saveSnapshot(this.fold.snapshotName, {
          position: this.scannedPosition,
          version: this.fold.snapshotVersion,
          state: this.fold.saveState(),
        })
        .catch(() => undefined);
    }
  }

  /** Reads what the fold has not seen; concurrent calls share one follow-up read. */
  catchUp(): Promise<void> {
    return this.reads.run();
  }

  async catchUpTo(position: number): Promise<void> {
    if (this.scannedPosition < position) await this.catchUp();
  }

  private foldCommit(events: readonly EventEnvelope[], types: ReadonlySet<string>): void {
    const first = events[0];
    const last = events[events.length - 1];
    if (!first || !last) return;
    if (this.reads.busy || first.position !== this.scannedPosition + 1) {
      if (events.some((event) => types.has(event.type))) this.refresh();
      return;
    }
    for (const event of events) if (types.has(event.type)) this.fold.apply(event);
    this.scannedPosition = last.position;
  }

  private refresh(): void {
    // A failed background read (the store closing, say) is retried by the next trigger.
    this.catchUp().catch(() => undefined);
  }

  private async readNewEvents(): Promise<void> {
    // Everything up to the head seen now is in the pages read below, whatever its type.
    const head = await this.store.headPosition();
    for (;;) {
      const page = await this.store.readAll({
        after: this.scannedPosition,
        types: [...this.fold.types],
        since: this.since,
        limit: PAGE,
      });
      for (const event of page.events) {
        if (event.position <= this.scannedPosition) continue;
        this.scannedPosition = event.position;
        this.fold.apply(event);
      }
      if (page.next === null) break;
    }
    this.scannedPosition = Math.max(this.scannedPosition, head);
  }
}
