import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import type { ProjectionModel } from '../projection.js';
import type { DigestShown } from './events.js';

/** Per agent, the ids its digests have shown: folded from `DigestShown` events. */
export class ShownMarks implements ProjectionModel {
  private marks = new Map<string, Set<string>>();

  /**
   * The agent's marks, first reduced to the ids still worth showing: an item that left that
   * list (a message read, a question closed) never comes back, so its mark is dead weight.
   */
  retain(agentId: string, current: readonly string[]): ReadonlySet<string> {
    const marks = this.marks.get(agentId);
    if (!marks) return new Set();
    const wanted = new Set(current);
    for (const id of marks) if (!wanted.has(id)) marks.delete(id);
    return marks;
  }

  add(agentId: string, ids: readonly string[]): void {
    let marks = this.marks.get(agentId);
    if (!marks) {
      marks = new Set();
      this.marks.set(agentId, marks);
    }
    for (const id of ids) marks.add(id);
  }

  remove(agentId: string, ids: readonly string[]): void {
    const marks = this.marks.get(agentId);
    for (const id of ids) marks?.delete(id);
  }

  apply(event: EventEnvelope): void {
    const { agentId, itemIds } = event.data as DigestShown['data'];
    this.add(agentId, itemIds);
  }

  save(): JsonValue {
    return [...this.marks].map(([agentId, ids]) => [agentId, [...ids]]);
  }

  load(state: JsonValue): void {
    this.marks = new Map(
      (state as [string, string[]][]).map(([agentId, ids]) => [agentId, new Set(ids)]),
    );
  }
}
