/**
 * The log's newest events, written but not yet copied into the index file: what the writer must
 * know of them to append after them (each stream's last revision, the positions of their ids).
 * It is complete only while this writer is the only one; the writer checks that per batch.
 */
export class UnindexedTail {
  private readonly revisions = new Map<string, number>();
  private readonly positionsById = new Map<string, number>();
  private events = 0;

  get size(): number {
    return this.events;
  }

  add(streamId: string, revision: number, id: string, position: number): void {
    this.revisions.set(streamId, revision);
    this.positionsById.set(id, position);
    this.events++;
  }

  /** The stream's last revision among these events, if it has any here. */
  revision(streamId: string): number | undefined {
    return this.revisions.get(streamId);
  }

  positionOf(id: string): number | undefined {
    return this.positionsById.get(id);
  }

  clear(): void {
    this.revisions.clear();
    this.positionsById.clear();
    this.events = 0;
  }
}
