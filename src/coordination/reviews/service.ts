import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { isUuid, uuidv7 } from '../../events/uuid.js';
import { type Actor, actorOf } from '../actor.js';
import type { AgentDirectory } from '../addresses.js';
import { Deadlines } from '../deadlines.js';
import { invalidInput, notFound } from '../errors.js';
import { executeCommand } from '../execute.js';
import { checkWholeNumber } from '../fields.js';
import { OutcomeWaiters } from '../outcome-waiters.js';
import { Projection } from '../projection.js';
import { StreamStates } from '../stream-states.js';
import { type Clock, epochOf, systemClock } from '../time.js';
import {
  MAX_REVIEW_TIMEOUT_MS,
  type ReviewCommand,
  type ReviewRequest,
  reviewDecider,
} from './decide.js';
import { REVIEW_STREAM_PREFIX, type ReviewEvent, reviewStreamId } from './events.js';
import type { Review, ReviewState } from './evolve.js';

export interface ReviewFilter {
  status?: 'pending' | 'resolved';
  capability?: string;
  /** Only the pending reviews this caller, as an expert, may still decide on (see `pendingFor`). */
  decidableBy?: Principal;
  /** At most this many, oldest first (default 100, at most 1000). */
  limit?: number;
}

export interface ReviewServiceOptions {
  clock?: Clock;
}

function deadlineOf(state: ReviewState): number | null {
  return state?.status === 'pending' ? epochOf(state.deadline) : null;
}

/** An expert may decide a pending review of another agent's call, for its capability, once. */
function mayDecide(actor: Actor, review: Review): boolean {
  return (
    actor.role === 'expert' &&
    review.status === 'pending' &&
    review.requester.agentId !== actor.agentId &&
    actor.capabilities.includes(review.capability) &&
    !review.decisions.some((decision) => decision.expert.agentId === actor.agentId)
  );
}

/**
 * Expert reviews of escalated tool calls: consensus among experts, an admin's direct decision,
 * or the fallback at the deadline (a timer here; overdue ones at start).
 */
export class ReviewService {
  private readonly board: StreamStates<ReviewState, ReviewEvent>;
  private readonly projection: Projection;
  private readonly deadlines: Deadlines;
  private readonly waiters = new OutcomeWaiters();
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
    options: ReviewServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.deadlines = new Deadlines((id) => this.expire(id), this.clock);
    this.board = new StreamStates({
      prefix: REVIEW_STREAM_PREFIX,
      decider: reviewDecider,
      isActive: (state) => state?.status === 'pending',
      changed: (id, state) => {
        this.deadlines.track(id, deadlineOf(state));
        if (state?.status === 'resolved') this.waiters.notify(id);
      },
    });
    this.projection = new Projection(store, this.board, {
      name: 'coordination.reviews',
      version: 1,
      filter: { streamPrefix: REVIEW_STREAM_PREFIX },
    });
  }

  async start(): Promise<void> {
    await this.projection.start();
    await this.deadlines.resume(
      [...this.board.live()].map((review) => ({
        id: (review as Review).reviewId,
        deadline: deadlineOf(review),
      })),
    );
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  async close(): Promise<void> {
    this.deadlines.stop();
    this.waiters.releaseAll();
    await this.projection.close();
  }

  /** Opens a review of the requester's tool call; recorded as the requester's event. */
  async open(request: ReviewRequest): Promise<Review> {
    const reviewId = uuidv7();
    await this.execute(request.requester, { type: 'Open', reviewId, request, now: this.clock() });
    return this.get(reviewId);
  }

  /** An expert's decision, or, from an admin, the final one. */
  async decide(
    principal: Principal,
    reviewId: string,
    decision: { approve: boolean; reason: string },
  ): Promise<Review> {
    const id = this.find(reviewId).reviewId;
    const actor = actorOf(principal, this.agents);
    const now = this.clock();
    const { approve, reason } = decision;
    await this.execute(
      principal,
      principal.role === 'admin'
        ? { type: 'DecideAsAdmin', reviewId: id, admin: actor, approve, reason, now }
        : { type: 'Decide', reviewId: id, expert: actor, approve, reason, now },
    );
    return this.get(id);
  }

  /** Records an admin's intent to make a resolved review a policy rule. */
  async promote(principal: Principal, reviewId: string, rule: string): Promise<Review> {
    const id = this.find(reviewId).reviewId;
    await this.execute(principal, {
      type: 'Promote',
      reviewId: id,
      admin: actorOf(principal, this.agents),
      rule,
      now: this.clock(),
    });
    return this.get(id);
  }

  get(reviewId: string): Review {
    return this.find(reviewId);
  }

  /** The review once resolved, or as it stands after `waitMs` or when `signal` aborts; no polling. */
  async waitForOutcome(reviewId: string, waitMs: number, signal?: AbortSignal): Promise<Review> {
    const wait = checkWholeNumber(waitMs, 'waitMs', {
      min: 0,
      max: MAX_REVIEW_TIMEOUT_MS,
      fallback: 0,
    });
    const current = this.find(reviewId);
    if (current.status === 'resolved' || wait === 0) return current;
    await this.waiters.wait(current.reviewId, wait, signal);
    return this.find(reviewId);
  }

  list(filter: ReviewFilter = {}): Review[] {
    const { status, capability, decidableBy } = filter;
    if (status !== undefined && status !== 'pending' && status !== 'resolved') {
      throw invalidInput('status', 'status must be pending or resolved');
    }
    const limit = checkWholeNumber(filter.limit, 'limit', { min: 1, max: 1000, fallback: 100 });
    const expert = decidableBy === undefined ? null : actorOf(decidableBy, this.agents);
    const pendingOnly = status === 'pending' || expert !== null;
    const found: Review[] = [];
    for (const state of pendingOnly ? this.board.live() : this.board.all()) {
      if (found.length >= limit) break;
      const review = state as Review;
      if (status !== undefined && review.status !== status) continue;
      if (capability !== undefined && review.capability !== capability) continue;
      if (expert !== null && !mayDecide(expert, review)) continue;
      found.push(review);
    }
    return found;
  }

  /** Pending reviews the caller, as an expert, may still decide on: not its own, not decided yet. */
  pendingFor(principal: Principal): Review[] {
    const actor = actorOf(principal, this.agents);
    const pending = [...this.board.live()] as Review[];
    return pending.filter((review) => mayDecide(actor, review));
  }

  private find(reviewId: string): Review {
    const id = reviewId.toLowerCase();
    const review = isUuid(id) ? this.board.get(id) : undefined;
    if (!review) throw notFound('review', reviewId);
    return review;
  }

  private async expire(reviewId: string): Promise<void> {
    await this.execute(undefined, { type: 'Expire', reviewId, now: this.clock() });
  }

  private async execute(
    actor: { agentId: string } | undefined,
    command: ReviewCommand,
  ): Promise<void> {
    await executeCommand(
      this.store,
      this.projection,
      reviewStreamId(command.reviewId),
      reviewDecider,
      command,
      actor,
    );
  }
}
