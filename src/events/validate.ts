import type { EventMetadata, ExpectedRevision, JsonValue, NewEvent } from './envelope.js';
import { InvalidInputError } from './errors.js';
import { isUuid } from './uuid.js';

export const MAX_STREAM_ID_LENGTH = 200;
export const MAX_TYPE_LENGTH = 200;
export const MAX_EVENTS_PER_APPEND = 10_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidInputError('streamId must be a non-empty string');
  }
  if (streamId.length > MAX_STREAM_ID_LENGTH || CONTROL.test(streamId)) {
    throw new InvalidInputError(
      `streamId must be at most ${MAX_STREAM_ID_LENGTH} characters without control characters`,
    );
  }
}

export function validateExpectedRevision(value: unknown): asserts value is ExpectedRevision {
  if (value === 'any' || value === 'no_stream' || value === 'exists') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  throw new InvalidInputError(
    'expectedRevision must be "any", "no_stream", "exists" or a revision number >= 0',
  );
}

/** A recorded event's data and metadata, reduced to plain JSON with their stored text. */
export interface PreparedEvent {
  id: string | undefined;
  type: string;
  data: JsonValue;
  dataText: string;
  metadata: EventMetadata;
  metadataText: string;
}

function toJson(value: unknown, what: string): { value: JsonValue; text: string } {
  const text = JSON.stringify(value);
  if (text === undefined) throw new InvalidInputError(`${what} must be JSON`);
  return { value: JSON.parse(text) as JsonValue, text };
}

export function prepareEvents(events: readonly NewEvent[]): PreparedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new InvalidInputError('events must be a non-empty array');
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidInputError(`at most ${MAX_EVENTS_PER_APPEND} events per append`);
  }
  const ids = new Set<string>();
  return events.map((event, index) => {
    const at = `events[${index}]`;
    if (typeof event !== 'object' || event === null) {
      throw new InvalidInputError(`${at} must be an object`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidInputError(`${at}.type must be a non-empty string`);
    }
    if (event.type.length > MAX_TYPE_LENGTH || CONTROL.test(event.type)) {
      throw new InvalidInputError(
        `${at}.type must be at most ${MAX_TYPE_LENGTH} characters without control characters`,
      );
    }
    if (event.id !== undefined) {
      if (typeof event.id !== 'string' || !isUuid(event.id)) {
        throw new InvalidInputError(`${at}.id must be a UUID`);
      }
      const id = event.id.toLowerCase();
      if (ids.has(id)) throw new InvalidInputError(`${at}.id appears twice in one append`);
      ids.add(id);
    }
    if (event.data === undefined) throw new InvalidInputError(`${at}.data is required`);
    const metadata = event.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new InvalidInputError(`${at}.metadata must be an object`);
    }
    for (const key of ['agentId', 'correlationId', 'causationId'] as const) {
      const value = metadata[key];
      if (value !== undefined && typeof value !== 'string') {
        throw new InvalidInputError(`${at}.metadata.${key} must be a string`);
      }
    }
    const data = toJson(event.data, `${at}.data`);
    const meta = toJson(metadata, `${at}.metadata`);
    return {
      id: event.id?.toLowerCase(),
      type: event.type,
      data: data.value,
      dataText: data.text,
      metadata: meta.value as EventMetadata,
      metadataText: meta.text,
    };
  });
}
