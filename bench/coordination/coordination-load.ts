import { BridgeClient } from '../../src/client/index.js';
import type { BridgeProcess } from '../events/bridge-process.js';
import type { Cleanup } from '../events/cleanup.js';
import { registerAgents } from '../guard/agent-tokens.js';
import type { OpenLoopResult } from '../lib/open-loop.js';
import type { BenchReport } from '../lib/report.js';
import type { LatencySummary } from '../lib/stats.js';
import type { CoordinationBenchPlan } from './plan.js';
import { SseReaders } from './sse-readers.js';

const FEED_AGENT = 'feed-agent';
const SENDER = 'sender';

/** An item of an agent's feed, parsed: its `kind` and the fields of what it is about. */
export type FeedItem = { kind: string } & Record<string, unknown>;
export type FeedHandler = (agent: number, item: FeedItem, receivedUs: number) => void;

/** The floors every load section is shown beside, measured once. */
export interface LoadFloors {
  fsync: LatencySummary;
  fsyncDir: string;
  /** A do-nothing server in its own process, at the direct messages' rate from as many senders. */
  noop: OpenLoopResult;
}

/**
 * A bridge in its own process with its agents: the feed agents (agent n is `feed-agent-<n>`),
 * whose feeds are opened as the run needs them, each on its own connection; and the senders,
 * which open no feed and each call on a keep-alive connection of their own. Feed items go to
 * whichever handler the part of the run being measured has set.
 */
export class CoordinationLoad {
  /** Where every feed item goes; a part of the run sets it before it sends anything. */
  onFeedItem: FeedHandler = () => {};
  private feedsOpened = 0;

  private constructor(
    readonly report: BenchReport,
    readonly plan: CoordinationBenchPlan,
    readonly cleanup: Cleanup,
    readonly bridge: BridgeProcess,
    readonly floors: LoadFloors,
    private readonly agentTokens: string[],
    readonly senderTokens: string[],
    readonly senders: BridgeClient[],
    private readonly feeds: SseReaders,
  ) {}

  static async open(options: {
    report: BenchReport;
    plan: CoordinationBenchPlan;
    cleanup: Cleanup;
    bridge: BridgeProcess;
    adminToken: string;
    floors: LoadFloors;
  }): Promise<CoordinationLoad> {
    const { plan, bridge, adminToken, cleanup } = options;
    const maxAgents = Math.max(...plan.agentCounts);
    process.stderr.write(`registering ${maxAgents} agents and ${plan.senders} senders…\n`);
    const agentTokens = await registerAgents(bridge.url, adminToken, maxAgents, FEED_AGENT);
    const senderTokens = await registerAgents(bridge.url, adminToken, plan.senders, SENDER);
    const senders = senderTokens.map(
      (token) => new BridgeClient({ url: bridge.url, token, connections: 1 }),
    );
    cleanup.add(() => Promise.all(senders.map((sender) => sender.close())).then(() => undefined));
    let load: CoordinationLoad | undefined;
    const feeds = await SseReaders.create(`${bridge.url}/v1/agents/me/feed`, (agent, message, at) =>
      load?.onFeedItem(agent, JSON.parse(message.data) as FeedItem, at),
    );
    cleanup.add(() => feeds.close());
    load = new CoordinationLoad(
      options.report,
      plan,
      cleanup,
      bridge,
      options.floors,
      agentTokens,
      senderTokens,
      senders,
      feeds,
    );
    return load;
  }

  agentName(agent: number): string {
    return `${FEED_AGENT}-${agent}`;
  }

  agentToken(agent: number): string {
    const token = this.agentTokens[agent];
    if (token === undefined) throw new RangeError(`no agent ${agent}`);
    return token;
  }

  /** Feeds open now: agents 0 to `feedsOpen` − 1. */
  get feedsOpen(): number {
    return this.feeds.open;
  }

  /** Feeds the bridge ended before the run closed them. */
  get feedsDropped(): number {
    return this.feeds.dropped;
  }

  /** Opens the feeds of the agents that have none yet, up to `agents` connected in all. */
  async connectFeeds(agents: number): Promise<void> {
    const readers = [];
    for (let agent = this.feedsOpened; agent < agents; agent++) {
      readers.push({
        reader: agent,
        headers: { authorization: `Bearer ${this.agentToken(agent)}` },
      });
    }
    await this.feeds.connect(readers);
    this.feedsOpened = Math.max(this.feedsOpened, agents);
  }
}
