import type { NewEvent } from '../../src/events/envelope.js';
import { uuidv7 } from '../../src/events/uuid.js';
import { SeededRandom, WeightedChoice, zipfWeights } from './random.js';
import { sampleEventData } from './sample-event.js';

/** Twenty event types, most common first; their shares fall off as 1/rank. */
export const SEED_TYPES = [
  'ToolCallAllowed',
  'FileEdited',
  'FileRead',
  'CommandRun',
  'MessageSent',
  'MessageRead',
  'TaskUpdated',
  'TaskClaimed',
  'TaskOpened',
  'TaskCompleted',
  'ReviewRequested',
  'ReviewCommented',
  'ReviewApproved',
  'LeaseAcquired',
  'LeaseReleased',
  'QuestionAsked',
  'QuestionAnswered',
  'AgentJoined',
  'AgentLeft',
  'ToolCallDenied',
] as const;
/** One event in a thousand. */
export const RARE_TYPE = 'SecretLeakBlocked';
const RARE_SHARE = 0.001;

export const SEED_AGENTS = 1000;

/** About 50k streams in three families; a family's share of appends follows its size. */
export const STREAM_FAMILIES = [
  { prefix: 'task-', streams: 30_000 },
  { prefix: 'agent-', streams: 12_500 },
  { prefix: 'review-', streams: 7_500 },
] as const;

const MAX_EVENTS_PER_APPEND = 15;
const MAX_APPENDS_PER_CORRELATION = 3;

export interface SeedAppend {
  streamId: string;
  events: NewEvent[];
}

/**
 * The appends of a realistic log: one agent writes 1–15 events to one stream per append; a
 * correlation id spans 1–3 consecutive appends (a small group of events, often across
 * streams); types are skewed with one rare type; agents are skewed too (a few are busy).
 */
export class SeedMix {
  readonly agentIds: string[];
  private readonly random: SeededRandom;
  private readonly types = new WeightedChoice(zipfWeights(SEED_TYPES.length, 1));
  private readonly agents = new WeightedChoice(zipfWeights(SEED_AGENTS, 0.7));
  private readonly families = new WeightedChoice(STREAM_FAMILIES.map((family) => family.streams));
  private correlationId = '';
  private correlationAppendsLeft = 0;
  private seq = 0;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
    this.agentIds = Array.from({ length: SEED_AGENTS }, () => uuidv7());
  }

  nextAppend(maxEvents: number): SeedAppend {
    const family = STREAM_FAMILIES[this.families.pick(this.random)] ?? STREAM_FAMILIES[0];
    const streamId = `${family.prefix}${this.random.integer(1, family.streams)}`;
    const agentId = this.agentIds[this.agents.pick(this.random)] as string;
    if (this.correlationAppendsLeft === 0) {
      this.correlationId = uuidv7();
      this.correlationAppendsLeft = this.random.integer(1, MAX_APPENDS_PER_CORRELATION);
    }
    this.correlationAppendsLeft--;
    const count = Math.min(maxEvents, this.random.integer(1, MAX_EVENTS_PER_APPEND));
    const events = Array.from({ length: count }, () => ({
      type: this.nextType(),
      data: sampleEventData(this.seq++),
      metadata: { agentId, correlationId: this.correlationId },
    }));
    return { streamId, events };
  }

  private nextType(): string {
    if (this.random.next() < RARE_SHARE) return RARE_TYPE;
    return SEED_TYPES[this.types.pick(this.random)] as string;
  }
}
