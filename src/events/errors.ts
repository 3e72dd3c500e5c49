/** An error with a stable machine-readable code; the api maps codes to HTTP statuses. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

export class WrongExpectedRevisionError extends BridgeError {
  constructor(streamId: string, expected: string | number, actual: number | 'no_stream') {
    super(
      'wrong_expected_revision',
      `stream ${streamId}: expected revision ${expected}, but the stream is at ${actual}`,
      { streamId, expected, actual },
    );
  }
}

export class IdempotencyConflictError extends BridgeError {
  constructor(eventId: string, why: string) {
    super('idempotency_conflict', `event id ${eventId} was already used: ${why}`, { eventId });
  }
}

export class IntegrityError extends BridgeError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('integrity_fault', message, details);
  }
}

export class InvalidInputError extends BridgeError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('invalid_input', message, details);
  }
}

export class StoreClosedError extends BridgeError {
  constructor() {
    super('store_closed', 'the event store is closed');
  }
}
