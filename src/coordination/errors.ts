import { BridgeError } from '../events/errors.js';

/**
 * Why a coordination command was refused. The HTTP status each stands for:
 * - 400: `invalid_input`, `invalid_address`, `invalid_schema`, `invalid_answer`, `invalid_path`,
 *   `no_recipients`, `attachment_not_found` (the request itself is wrong)
 * - 403: `forbidden`, `not_addressee`, `not_asker`, `not_recipient`, `not_claimant`, `not_holder`,
 *   `own_request` (the caller may not do this to that thing)
 * - 404: `not_found`
 * - 409: `already_exists`, `already_answered`, `already_closed`, `already_claimed`,
 *   `already_decided`, `already_resolved`, `already_promoted`, `not_resolved`, `blocked`,
 *   `lease_conflict` (the thing is in a state that does not allow it)
 * - 410: `expired` (its deadline or time to live has passed)
 */
export type CoordinationErrorCode =
  | 'invalid_input'
  | 'invalid_address'
  | 'invalid_schema'
  | 'invalid_answer'
  | 'invalid_path'
  | 'no_recipients'
  | 'attachment_not_found'
  | 'forbidden'
  | 'not_addressee'
  | 'not_asker'
  | 'not_recipient'
  | 'not_claimant'
  | 'not_holder'
  | 'own_request'
  | 'not_found'
  | 'already_exists'
  | 'already_answered'
  | 'already_closed'
  | 'already_claimed'
  | 'already_decided'
  | 'already_resolved'
  | 'already_promoted'
  | 'not_resolved'
  | 'blocked'
  | 'lease_conflict'
  | 'expired';

export class CoordinationError extends BridgeError {
  constructor(
    override readonly code: CoordinationErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(code, message, details);
    this.name = 'CoordinationError';
  }
}

export function invalidInput(field: string, message: string): CoordinationError {
  return new CoordinationError('invalid_input', message, { field });
}

export function notFound(kind: string, id: string): CoordinationError {
  return new CoordinationError('not_found', `no ${kind} has the id ${id}`, { kind, id });
}
