import type { AgentDirectory } from '../../coordination/addresses.js';
import { approvalsNeeded } from '../../coordination/reviews/consensus.js';
import type { Review } from '../../coordination/reviews/evolve.js';
import type { ReviewService } from '../../coordination/reviews/service.js';
import { BridgeError } from '../../events/errors.js';
import type { Reviewer, ReviewStatus } from '../../guard/reviews/reviewer.js';

function statusOf(review: Review): ReviewStatus {
  const { outcome } = review;
  return {
    reviewId: review.reviewId,
    deadline: review.deadline,
    outcome: outcome && {
      decision: outcome.decision,
      resolvedBy: outcome.resolvedBy,
      by: outcome.by?.name ?? null,
      reason: outcome.reason,
    },
  };
}

/** The guard's Reviewer port over the experts' reviews of the coordination domain. */
export function reviewerOf(reviews: ReviewService, agents: AgentDirectory): Reviewer {
  return {
    canSettle(capability, risk, requesterId) {
      let experts = 0;
      for (const agent of agents.list()) {
        // an expert whose tokens are all revoked can no longer decide anything
        if (
          agent.role === 'expert' &&
          agent.agentId !== requesterId &&
          agent.capabilities.includes(capability) &&
          Object.keys(agent.tokens).length > 0
        ) {
          experts += 1;
        }
      }
      return experts >= approvalsNeeded(risk);
    },
    async open(opening) {
      const review = await reviews.open({
        requester: opening.requester,
        toolCall: { tool: opening.tool, summary: opening.summary },
        normalizedInput: opening.normalizedInput,
        ruleIds: opening.ruleIds,
        reason: opening.reason,
        risk: opening.risk,
        capability: opening.capability,
        timeoutMs: opening.timeoutMs,
        fallback: opening.fallback,
      });
      return statusOf(review);
    },
    status(reviewId) {
      try {
        return statusOf(reviews.get(reviewId));
      } catch (error) {
        if (error instanceof BridgeError && error.code === 'not_found') return null;
        throw error;
      }
    },
    async waitForOutcome(reviewId, waitMs, signal) {
      return statusOf(await reviews.waitForOutcome(reviewId, waitMs, signal));
    },
  };
}
