import type { CallToolResult } from '@modelcontextprotocol/server';
import { BridgeError } from '../../events/errors.js';

/** Codes whose details are the bridge's own business: the caller learns only that it failed. */
const INTERNAL_CODES = new Set(['integrity_fault', 'internal_error']);

function describeDetails(details: Record<string, unknown> | undefined): string {
  if (details === undefined) return '';
  const parts = Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * A refusal as a tool error the model can act on: the bridge's message, its code and what it
 * named (the field, the holder of a lease). Anything unexpected is reported and answered as an
 * internal error without its details.
 */
export function toolFailure(error: unknown, report: (error: unknown) => void): CallToolResult {
  let text: string;
  if (error instanceof BridgeError && !INTERNAL_CODES.has(error.code)) {
    text = `${error.message} [${error.code}]${describeDetails(error.details)}`;
  } else {
    report(error);
    text = 'The bridge failed to carry out this call (internal error); retry in a moment.';
  }
  return { content: [{ type: 'text', text }], isError: true };
}
