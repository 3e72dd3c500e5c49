import * as z from 'zod';
import { MAX_REVIEW_REASON_LENGTH } from '../../coordination/reviews/decide.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { reviewView } from './views.js';

/*
 * Reviews are opened by the guard when it escalates a tool call; the request carries the call as
 * the guard normalized it and the rules that escalated it, so an agent has nothing to open by
 * hand. Agents list the reviews they may decide and decide them.
 */

const listReviews = defineTool({
  name: 'list_reviews',
  title: 'List reviews',
  description:
    'List expert reviews of tool calls the guard escalated, oldest first. scope decidable_by_me (the default) gives the pending reviews you may still decide: as an expert holding the review’s capability, of another agent’s call, not decided by you yet. pending, resolved and all list every review in that state.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({
    scope: z
      .enum(['decidable_by_me', 'pending', 'resolved', 'all'])
      .optional()
      .describe('Default decidable_by_me'),
    capability: z.string().optional().describe('Only reviews for this capability'),
    limit: z.number().int().min(1).max(1000).optional().describe('Default 100'),
  }),
  output: z.object({ reviews: z.array(reviewView) }),
  run: ({ args, principal, services }) => {
    const { reviews } = services.coordination;
    const scope = args.scope ?? 'decidable_by_me';
    if (scope === 'decidable_by_me') {
      const limit = args.limit ?? 100;
      return {
        reviews: reviews
          .pendingFor(principal)
          .filter(
            (review) => args.capability === undefined || review.capability === args.capability,
          )
          .slice(0, limit),
      };
    }
    return {
      reviews: reviews.list({
        status: scope === 'all' ? undefined : scope,
        capability: args.capability,
        limit: args.limit,
      }),
    };
  },
});

const decideReview = defineTool({
  name: 'decide_review',
  title: 'Decide a review',
  description:
    'Approve or reject the tool call a review is about, with your reason. Experts decide by consensus (a high-risk call needs two approvals; any rejection denies it); an admin’s decision is final. Read the call, the rules that escalated it and the reason first (list_reviews).',
  effect: 'final',
  permission: 'coordination:act',
  input: z.strictObject({
    reviewId: z.string().describe('A review id'),
    approve: z.boolean().describe('true lets the call run, false denies it'),
    reason: z.string().min(1).max(MAX_REVIEW_REASON_LENGTH).describe('Why, for the requester'),
  }),
  output: z.object({ review: reviewView }),
  run: async ({ args, principal, services }) => ({
    review: await services.coordination.reviews.decide(principal, args.reviewId, {
      approve: args.approve,
      reason: args.reason,
    }),
  }),
});

export const REVIEW_TOOLS: readonly AnyToolSpec[] = [listReviews, decideReview];
