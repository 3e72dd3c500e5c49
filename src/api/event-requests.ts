import type { Principal } from '../agents/principal.js';
import type { EventFilter, ExpectedRevision, NewEvent } from '../events/envelope.js';
import { BridgeError } from '../events/errors.js';

export interface FilterQuery {
  types?: string;
  streamPrefix?: string;
  agentId?: string;
  correlationId?: string;
  since?: string;
  until?: string;
}

function timeBound(value: string | undefined): string | number | undefined {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export function filterFromQuery(query: FilterQuery): EventFilter {
  const types = query.types
    ?.split(',')
    .map((type) => type.trim())
    .filter((type) => type.length > 0);
  return {
    types: types && types.length > 0 ? types : undefined,
    streamPrefix: query.streamPrefix,
    agentId: query.agentId,
    correlationId: query.correlationId,
    since: timeBound(query.since),
    until: timeBound(query.until),
  };
}

function invalid(message: string): BridgeError {
  return new BridgeError('invalid_request', message);
}

/** `If-Match: 5`, `"5"`, `any`, `no_stream`, `exists`, or `*` (the stream exists). */
function parseIfMatch(header: string): ExpectedRevision {
  const value = header.trim().replace(/^"(.*)"$/, '$1');
  if (value === '*') return 'exists';
  if (value === 'any' || value === 'no_stream' || value === 'exists') return value;
  if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  throw invalid('headers/if-match must be a revision number or one of any, no_stream, exists');
}

/** The expected revision from the body, the If-Match header, or both when they agree. */
export function expectedRevisionOf(
  fromBody: ExpectedRevision | undefined,
  ifMatch: string | undefined,
): ExpectedRevision | undefined {
  if (ifMatch === undefined) return fromBody;
  const fromHeader = parseIfMatch(ifMatch);
  if (fromBody !== undefined && fromBody !== fromHeader) {
    throw invalid(
      `body/expectedRevision (${fromBody}) and headers/if-match (${fromHeader}) disagree`,
    );
  }
  return fromHeader;
}

/** The position after which a resumed SSE stream continues; `Last-Event-ID` wins over `after`. */
export function resumePosition(lastEventId: string | undefined, after: number | undefined): number {
  if (lastEventId === undefined) return after ?? 0;
  const value = lastEventId.trim();
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw invalid('headers/last-event-id must be an event position (an integer >= 0)');
  }
  return Number(value);
}

/** Every event carries the caller's identity; claiming another agent's is refused. */
export function stampIdentity(events: readonly NewEvent[], caller: Principal): NewEvent[] {
  return events.map((event, index) => {
    const claimed = event.metadata?.agentId;
    if (claimed !== undefined && claimed !== caller.agentId) {
      throw new BridgeError(
        'identity_mismatch',
        `body/events/${index}/metadata/agentId is ${JSON.stringify(claimed)}, but the caller is ${caller.agentId}`,
      );
    }
    return { ...event, metadata: { ...event.metadata, agentId: caller.agentId } };
  });
}
