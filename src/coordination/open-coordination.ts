import type { EventStore } from '../events/store.js';
import type { AgentDirectory } from './addresses.js';
import { ElicitationService } from './elicitations/service.js';
import { AgentFeeds } from './feed/agent-feeds.js';
import { DigestService } from './feed/digest-service.js';
import { LeaseService } from './leases/service.js';
import { MessageService } from './messages/service.js';
import { type PresenceOptions, PresenceService } from './presence/service.js';
import { ReviewService } from './reviews/service.js';
import { TaskService } from './tasks/service.js';
import type { Clock } from './time.js';

export interface OpenCoordinationOptions {
  store: EventStore;
  /** The agent registry, started. */
  agents: AgentDirectory;
  /** Absolute root of the project that leases refer to. */
  projectRoot: string;
  presence?: Omit<PresenceOptions, 'clock'>;
  leaseSweepIntervalMs?: number;
  clock?: Clock;
}

export interface Coordination {
  presence: PresenceService;
  messages: MessageService;
  elicitations: ElicitationService;
  tasks: TaskService;
  reviews: ReviewService;
  leases: LeaseService;
  /** Every agent's live feed of what concerns it. */
  feeds: AgentFeeds;
  /** Each agent's urgent unread messages and open questions, shown once (hook answers carry it). */
  digest: DigestService;
  readonly ready: boolean;
  close(): Promise<void>;
}

/** Every coordination domain, its read models rebuilt from the log and its timers running. */
export async function openCoordination(options: OpenCoordinationOptions): Promise<Coordination> {
  const { store, agents, clock } = options;
  const presence = new PresenceService(store, agents, { ...options.presence, clock });
  const messages = new MessageService(store, agents, { clock });
  const elicitations = new ElicitationService(store, agents, { clock });
  const services = {
    presence,
    messages,
    elicitations,
    tasks: new TaskService(store, agents, { clock }),
    reviews: new ReviewService(store, agents, { clock }),
    leases: new LeaseService(store, agents, {
      projectRoot: options.projectRoot,
      sweepIntervalMs: options.leaseSweepIntervalMs,
      isOffline: (agentId) => presence.statusOf(agentId).status === 'offline',
      clock,
    }),
    feeds: new AgentFeeds(store, agents),
    digest: new DigestService(store, { messages, elicitations }, { clock }),
  };
  const all = Object.values(services);
  const close = async () => {
    await Promise.all(all.map((service) => service.close()));
  };
  try {
    await Promise.all(all.map((service) => service.start()));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    ...services,
    get ready() {
      return all.every((service) => service.ready);
    },
    close,
  };
}
