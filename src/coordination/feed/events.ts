import type { DomainEvent } from '../../events/decider.js';

/** One stream per agent, `$digest-<agentId>`: what its hook answers have shown it. */
export const DIGEST_STREAM_PREFIX = '$digest-';

/** The items (message and question ids) a digest showed the agent; none is shown again. */
export type DigestShown = DomainEvent<
  'DigestShown',
  { agentId: string; itemIds: string[]; shownAt: string }
>;

export function digestStreamId(agentId: string): string {
  return `${DIGEST_STREAM_PREFIX}${agentId}`;
}
