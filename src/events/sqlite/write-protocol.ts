import type { AppendResult, ExpectedRevision } from '../envelope.js';
import {
  type BridgeError,
  IdempotencyConflictError,
  WrongExpectedRevisionError,
} from '../errors.js';

/** An event to record, as plain data that crosses to the write thread: its JSON already text. */
export interface EventToRecord {
  id: string | undefined;
  type: string;
  dataText: string;
  metadataText: string;
  agentId: string | null;
  correlationId: string | null;
}

export type WriteOperation =
  | { kind: 'append'; streamId: string; expected: ExpectedRevision; events: EventToRecord[] }
  | { kind: 'blob'; hash: string; content: Uint8Array }
  | {
      kind: 'snapshot';
      name: string;
      position: number;
      version: number;
      stateText: string;
      savedAt: string;
    };

/** What the log assigned to one recorded event. */
export interface RecordedFacts {
  position: number;
  revision: number;
  id: string;
  recordedAt: string;
  hash: string;
}

/** Why one operation of a batch was refused; the others in the batch are unaffected. */
export type Refusal =
  | {
      code: 'wrong_expected_revision';
      streamId: string;
      expected: ExpectedRevision;
      actual: number | 'no_stream';
    }
  | { code: 'idempotency_conflict'; eventId: string; why: string };

export type OperationOutcome =
  | { ok: true; result?: AppendResult; recorded?: RecordedFacts[] }
  | { ok: false; refusal: Refusal };

export type BatchOutcome =
  | { ok: true; outcomes: OperationOutcome[]; seconds: number }
  | { ok: false; message: string };

export function refusalError(refusal: Refusal): BridgeError {
  return refusal.code === 'wrong_expected_revision'
    ? new WrongExpectedRevisionError(refusal.streamId, refusal.expected, refusal.actual)
    : new IdempotencyConflictError(refusal.eventId, refusal.why);
}
