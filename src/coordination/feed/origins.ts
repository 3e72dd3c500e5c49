import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import { type OriginLookup, originOfEvent } from './routes.js';

/**
 * Who started each question, task, review and lease, by subject key. Entries are kept after the
 * subject closes: a feed resumed from an older position routes those follow-ups with them too.
 */
export class FeedOrigins implements OriginLookup {
  private origins = new Map<string, string>();

  originOf(key: string): string | undefined {
    return this.origins.get(key);
  }

  remember(event: EventEnvelope): void {
    const origin = originOfEvent(event);
    if (origin) this.origins.set(origin.key, origin.agentId);
  }

  save(): JsonValue {
    return [...this.origins];
  }

  load(state: JsonValue): void {
    this.origins = new Map(state as [string, string][]);
  }
}
