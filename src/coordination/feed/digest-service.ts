import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import type { ElicitationService } from '../elicitations/service.js';
import type { MessageService } from '../messages/service.js';
import { Projection } from '../projection.js';
import { type Clock, isoAt, systemClock } from '../time.js';
import { composeDigest, openQuestionEntry, urgentMessageEntry } from './digest.js';
import { DIGEST_STREAM_PREFIX, type DigestShown, digestStreamId } from './events.js';
import { ShownMarks } from './shown-marks.js';

export interface DigestSources {
  messages: Pick<MessageService, 'inbox'>;
  elicitations: Pick<ElicitationService, 'pendingFor'>;
}

/** The inbox query's largest page: unread urgent messages beyond it wait for the next ones. */
const MAX_URGENT_MESSAGES = 500;

/**
 * What an agent should know and has not been told yet: its unread urgent messages and the open
 * questions it may answer, each shown once. What was shown is recorded as an event, so a restart
 * does not show it again.
 */
export class DigestService {
  private readonly marks = new ShownMarks();
  private readonly projection: Projection;
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly sources: DigestSources,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.projection = new Projection(store, this.marks, {
      name: 'coordination.digest',
      version: 1,
      filter: { streamPrefix: DIGEST_STREAM_PREFIX },
    });
  }

  start(): Promise<void> {
    return this.projection.start();
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  close(): Promise<void> {
    return this.projection.close();
  }

  /** The digest of what is new for the agent, marked as shown; null when nothing is new. */
  async next(principal: Principal): Promise<string | null> {
    const { agentId } = principal;
    const entries = [
      ...this.sources.messages
        .inbox(principal, { unread: true, importance: ['urgent'], limit: MAX_URGENT_MESSAGES })
        .reverse()
        .map(urgentMessageEntry),
      ...this.sources.elicitations.pendingFor(principal).map(openQuestionEntry),
    ];
    const shown = this.marks.retain(
      agentId,
      entries.map((entry) => entry.id),
    );
    const digest = composeDigest(entries, shown);
    if (!digest) return null;
    // Marked before the append, so a concurrent call for the same agent does not show it twice.
    this.marks.add(agentId, digest.shownIds);
    const event: DigestShown = {
      type: 'DigestShown',
      data: { agentId, itemIds: digest.shownIds, shownAt: isoAt(this.clock()) },
    };
    try {
      await this.store.appendToStream(
        digestStreamId(agentId),
        [{ ...event, metadata: { agentId } }],
        { expectedRevision: 'any' },
      );
    } catch (error) {
      this.marks.remove(agentId, digest.shownIds);
      throw error;
    }
    return digest.text;
  }
}
