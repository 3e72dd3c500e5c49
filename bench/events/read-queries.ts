import type { EventFilter } from '../../src/events/envelope.js';
import type { EventStore } from '../../src/events/store.js';
import { RARE_TYPE, SEED_TYPES, type SeedMix } from './seed-mix.js';

export interface ReadQuery {
  name: string;
  filter: EventFilter;
}

/** The agent whose events are queried: rank 100 of 1000, neither the busiest nor idle. */
const QUERIED_AGENT_RANK = 100;

/**
 * The filtered reads timed over the seeded log. The correlation id and the time range are taken
 * from the middle of the log, so both a first page and a page from the middle find events.
 */
export async function readQueries(store: EventStore, mix: SeedMix): Promise<ReadQuery[]> {
  const head = await store.headPosition();
  const at = async (fraction: number) => {
    const page = await store.readAll({ after: Math.floor(head * fraction) - 1, limit: 1 });
    const event = page.events[0];
    if (event === undefined) throw new Error(`no event at ${fraction} of the log`);
    return event;
  };
  const middle = await at(0.5);
  const since = (await at(0.45)).recordedAt;
  const until = (await at(0.55)).recordedAt;
  const agentId = mix.agentIds[QUERIED_AGENT_RANK - 1] as string;
  const [commonType, secondType] = SEED_TYPES;
  const tenthType = SEED_TYPES[9];
  return [
    { name: `type ${commonType} (most common)`, filter: { types: [commonType] } },
    { name: `type ${RARE_TYPE} (rare, 0.1%)`, filter: { types: [RARE_TYPE] } },
    { name: `types ${secondType} + ${tenthType}`, filter: { types: [secondType, tenthType] } },
    { name: `agentId (rank ${QUERIED_AGENT_RANK} of 1000)`, filter: { agentId } },
    { name: 'streamPrefix review- (15%)', filter: { streamPrefix: 'review-' } },
    { name: 'streamPrefix review-1 (narrow)', filter: { streamPrefix: 'review-1' } },
    {
      name: 'correlationId (a group mid-log)',
      filter: { correlationId: middle.metadata.correlationId as string },
    },
    { name: 'time range 45%–55% of the log', filter: { since, until } },
    {
      name: `${commonType} + agentId + task-`,
      filter: { types: [commonType], agentId, streamPrefix: 'task-' },
    },
  ];
}
