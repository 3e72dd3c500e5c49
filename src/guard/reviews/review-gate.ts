import { performance } from 'node:perf_hooks';
import { callDigest } from '../audit/approval-code.js';
import type { RecordedReview } from '../audit/events.js';
import { recordedText } from '../audit/recorded-text.js';
import { LruCache } from '../engine/decision-cache.js';
import type { EscalationRequest } from '../engine/escalation.js';
import { strongest } from '../policy/decision-rank.js';
import type { Decision, ToolCall, Verdict } from '../types.js';
import type { Reviewer, ReviewStatus } from './reviewer.js';

export const DEFAULT_REVIEW_WAIT_MS = 8_000;
export const DEFAULT_REVIEW_TIMEOUT_MS = 10 * 60_000;
export const DEFAULT_REVIEW_CAPABILITY = 'security';

/** Calls whose review outlived their wait, remembered so that a retry finds the review. */
const REMEMBERED_CALLS = 1000;
/** The review's own limits on what it is sent (see the reviews domain). */
const MAX_SUMMARY = 1900;
const MAX_TOOL_NAME = 200;
const MAX_RULE_IDS = 50;

export interface ReviewGateOptions {
  reviewer: Reviewer;
  /** How long a call waits for the experts before it is answered anyway. */
  waitMs?: number;
  /** How long the experts have to decide; then the review's fallback applies. */
  reviewTimeoutMs?: number;
  /** Who reviews escalations whose rules name no capability. */
  capability?: string;
}

/** An escalated call's decision once reviewed, with the review for the audit. */
export interface Settled {
  decision: Decision;
  review: RecordedReview | null;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** What the matches other than the escalation ask for: a review settles only the escalation. */
function residualVerdict(decision: Decision): Verdict {
  let verdict: Verdict = 'allow';
  for (const match of decision.matches) {
    if (match.decision === 'ask' || match.decision === 'deny') {
      verdict = strongest(verdict, match.decision) as Verdict;
    }
  }
  return verdict;
}

function outcomeNote(review: ReviewStatus, escalation: EscalationRequest, waitMs: number): string {
  const { outcome } = review;
  const id = `Review ${review.reviewId}`;
  if (outcome === null) {
    return `${id} is still open after ${seconds(waitMs)}, so the rule's fallback (${escalation.fallback}) answers for now. The experts may decide until ${review.deadline}; retry this exact call then to get their answer.`;
  }
  if (outcome.resolvedBy === 'fallback') {
    return `${id} was not decided before its deadline, so the rule's fallback (${outcome.decision}) applies.`;
  }
  const by = outcome.resolvedBy === 'admin' ? `${outcome.by} (admin)` : outcome.by;
  return `${id}: ${outcome.decision === 'allow' ? 'approved' : 'rejected'} by ${by}: ${outcome.reason}`;
}

/**
 * Settles escalated calls with the experts: opens a review (or finds the one already open for
 * the same call), waits for its outcome up to `waitMs`, and answers with it, or with the rules'
 * fallback when the wait runs out. The review settles only the escalation: other rules' asks
 * still ask, and nothing here can undo a deny, since the engine escalates only what no rule
 * denies. A review that outlives the wait stays remembered for the call, so a retry gets its
 * outcome (each outcome answers the calls waiting then, or else the next retry).
 */
export class ReviewGate {
  private readonly reviewer: Reviewer;
  private readonly waitMs: number;
  private readonly reviewTimeoutMs: number;
  private readonly capability: string;
  private readonly openReviews = new LruCache<string>(REMEMBERED_CALLS);
  private readonly stopping = new AbortController();

  constructor(options: ReviewGateOptions) {
    this.reviewer = options.reviewer;
    this.waitMs = options.waitMs ?? DEFAULT_REVIEW_WAIT_MS;
    this.reviewTimeoutMs = options.reviewTimeoutMs ?? DEFAULT_REVIEW_TIMEOUT_MS;
    this.capability = options.capability ?? DEFAULT_REVIEW_CAPABILITY;
  }

  /** Ends every wait at once (the bridge is shutting down): those calls get the fallback. */
  stop(): void {
    this.stopping.abort();
  }

  async settle(call: ToolCall, decision: Decision): Promise<Settled> {
    const { escalation } = decision;
    if (!escalation) return { decision, review: null };
    const capability = escalation.capability ?? this.capability;
    if (!this.reviewer.canSettle(capability, escalation.risk, call.agent.agentId)) {
      const note = `No ${escalation.risk === 'high' ? 'two experts hold' : 'expert holds'} the capability ${capability} to review it, so the user is asked.`;
      return { decision: { ...decision, reason: `${escalation.reason}\n${note}` }, review: null };
    }
    const started = performance.now();
    const digest = callDigest(call.agent.agentId, decision);
    let review =
      this.remembered(digest) ?? (await this.open(call, decision, escalation, capability));
    if (review.outcome === null) {
      this.openReviews.set(digest, review.reviewId);
      review = await this.reviewer.waitForOutcome(
        review.reviewId,
        this.waitMs,
        this.stopping.signal,
      );
    }
    if (review.outcome !== null) this.openReviews.delete(digest);
    const waitedMs = Math.round(performance.now() - started);
    const reviewed = review.outcome?.decision ?? escalation.fallback;
    const verdict = strongest(reviewed, residualVerdict(decision)) as Verdict;
    return {
      decision: {
        ...decision,
        verdict,
        reason: `${escalation.reason}\n${outcomeNote(review, escalation, waitedMs)}`,
      },
      review: {
        reviewId: review.reviewId,
        capability,
        risk: escalation.risk,
        status: review.outcome === null ? 'pending' : 'resolved',
        outcome: review.outcome?.decision ?? null,
        resolvedBy: review.outcome?.resolvedBy ?? null,
        by: review.outcome?.by ?? null,
        waitedMs,
      },
    };
  }

  /** The review an earlier identical call left open, when it is still known. */
  private remembered(digest: string): ReviewStatus | null {
    const reviewId = this.openReviews.get(digest);
    return reviewId === undefined ? null : this.reviewer.status(reviewId);
  }

  private open(
    call: ToolCall,
    decision: Decision,
    escalation: EscalationRequest,
    capability: string,
  ): Promise<ReviewStatus> {
    const { normalized } = decision;
    const summary = normalized.commands?.join('\n') || normalized.input;
    return this.reviewer.open({
      requester: { agentId: call.agent.agentId, name: call.agent.name },
      tool: call.tool.slice(0, MAX_TOOL_NAME),
      summary: recordedText(summary, MAX_SUMMARY).text,
      normalizedInput: {
        tool: normalized.tool,
        cwd: normalized.cwd,
        input: recordedText(normalized.input).text,
      },
      ruleIds: escalation.ruleIds.slice(0, MAX_RULE_IDS),
      reason: recordedText(escalation.reason, MAX_SUMMARY).text,
      risk: escalation.risk,
      capability,
      fallback: escalation.fallback,
      timeoutMs: this.reviewTimeoutMs,
    });
  }
}
