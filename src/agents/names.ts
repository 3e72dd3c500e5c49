import { InvalidAgentError } from './errors.js';
import { AGENT_STREAM_PREFIX } from './events.js';

export const MAX_NAME_LENGTH = 64;
export const MAX_CAPABILITIES = 32;
export const MAX_DESCRIPTION_LENGTH = 1000;

/** Names and capabilities end up in addresses (`alice`, `capability:review`), so they stay plain. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Taken by the bootstrap administrator, which has no agent stream. */
export const RESERVED_NAMES: readonly string[] = ['admin'];

function isPlainName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_LENGTH && NAME.test(value);
}

export function checkAgentName(name: unknown): asserts name is string {
  if (!isPlainName(name)) {
    throw new InvalidAgentError(
      `agent name ${JSON.stringify(name)} is invalid: use 1 to ${MAX_NAME_LENGTH} characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit`,
      'name',
    );
  }
  if (RESERVED_NAMES.includes(name)) {
    throw new InvalidAgentError(`agent name ${name} is reserved`, 'name');
  }
}

export function checkCapabilities(capabilities: unknown): asserts capabilities is string[] {
  if (!Array.isArray(capabilities) || capabilities.length > MAX_CAPABILITIES) {
    throw new InvalidAgentError(
      `capabilities must be a list of at most ${MAX_CAPABILITIES}`,
      'capabilities',
    );
  }
  for (const capability of capabilities) {
    if (!isPlainName(capability)) {
      throw new InvalidAgentError(
        `capability ${JSON.stringify(capability)} is invalid: use the same characters as agent names`,
        'capabilities',
      );
    }
  }
  if (new Set(capabilities).size !== capabilities.length) {
    throw new InvalidAgentError('capabilities must not repeat', 'capabilities');
  }
}

export function checkDescription(description: unknown): asserts description is string {
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidAgentError(
      `description must be a string of at most ${MAX_DESCRIPTION_LENGTH} characters`,
      'description',
    );
  }
}

export function agentStreamId(name: string): string {
  checkAgentName(name);
  return `${AGENT_STREAM_PREFIX}${name}`;
}

export function nameOfAgentStream(streamId: string): string | null {
  return streamId.startsWith(AGENT_STREAM_PREFIX)
    ? streamId.slice(AGENT_STREAM_PREFIX.length)
    : null;
}
