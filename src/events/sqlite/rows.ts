import type { EventEnvelope, EventMetadata, JsonValue } from '../envelope.js';

export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, stream_id, revision, id, type, data, metadata, recorded_at, hash';

/** The same columns of `main.events` aliased `e`, for queries that join the index to the log. */
export const JOINED_EVENT_COLUMNS = EVENT_COLUMNS.split(', ')
  .map((column) => `e.${column}`)
  .join(', ');

export function rowToEnvelope(row: EventRow): EventEnvelope {
  return {
    position: row.position,
    streamId: row.stream_id,
    revision: row.revision,
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as JsonValue,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
