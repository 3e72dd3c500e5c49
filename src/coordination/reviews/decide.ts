import type { Decider } from '../../events/decider.js';
import { type Actor, type AgentRef, refOf } from '../actor.js';
import { isPlainName } from '../addresses.js';
import { CoordinationError, invalidInput, notFound } from '../errors.js';
import {
  checkJson,
  checkOneOf,
  checkOptionalText,
  checkText,
  checkWholeNumber,
} from '../fields.js';
import { epochOf, isoAt } from '../time.js';
import { consensusOf } from './consensus.js';
import { REVIEW_DECISIONS, REVIEW_RISKS, type ReviewEvent } from './events.js';
import { evolveReview, initialReviewState, type Review, type ReviewState } from './evolve.js';

export const DEFAULT_REVIEW_TIMEOUT_MS = 60_000;
export const MAX_REVIEW_TIMEOUT_MS = 3_600_000;
export const MAX_REVIEW_REASON_LENGTH = 2000;
export const MAX_RULE_LENGTH = 10_000;
export const MAX_RULE_IDS = 50;
export const MAX_NORMALIZED_INPUT_BYTES = 64 * 1024;

/** What the guard sends when it escalates a tool call. */
export interface ReviewRequest {
  requester: AgentRef;
  toolCall: { tool: string; summary: string };
  normalizedInput: unknown;
  ruleIds: string[];
  reason: string;
  /** Default `normal`; `high` needs two approvals. */
  risk?: string;
  /** Experts holding this capability decide. */
  capability: string;
  /** Default 60 s, at most 1 h; then `fallback` applies. */
  timeoutMs?: number;
  /** Default `deny`. */
  fallback?: string;
}

export type ReviewCommand =
  | { type: 'Open'; reviewId: string; request: ReviewRequest; now: number }
  | {
      type: 'Decide';
      reviewId: string;
      expert: Actor;
      approve: boolean;
      reason: string;
      now: number;
    }
  | {
      type: 'DecideAsAdmin';
      reviewId: string;
      admin: Actor;
      approve: boolean;
      reason: string;
      now: number;
    }
  | { type: 'Expire'; reviewId: string; now: number }
  | { type: 'Promote'; reviewId: string; admin: Actor; rule: string; now: number };

function checkRuleIds(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > MAX_RULE_IDS) {
    throw invalidInput('ruleIds', `ruleIds must be a list of at most ${MAX_RULE_IDS} rule ids`);
  }
  return value.map((ruleId) => checkText(ruleId, 'ruleIds', 200));
}

function open(
  command: Extract<ReviewCommand, { type: 'Open' }>,
  state: ReviewState,
): ReviewEvent[] {
  const { request, now } = command;
  const { requester } = request;
  if (typeof requester?.agentId !== 'string' || typeof requester.name !== 'string') {
    throw invalidInput('requester', 'requester must name the agent whose call is reviewed');
  }
  if (typeof request.toolCall !== 'object' || request.toolCall === null) {
    throw invalidInput('toolCall', 'toolCall must name the tool and summarize the call');
  }
  const toolCall = {
    tool: checkText(request.toolCall.tool, 'toolCall.tool', 200),
    summary: checkText(request.toolCall.summary, 'toolCall.summary', MAX_REVIEW_REASON_LENGTH),
  };
  const normalizedInput = checkJson(
    request.normalizedInput,
    'normalizedInput',
    MAX_NORMALIZED_INPUT_BYTES,
  );
  const ruleIds = checkRuleIds(request.ruleIds);
  const reason = checkOptionalText(request.reason, 'reason', MAX_REVIEW_REASON_LENGTH);
  const risk = checkOneOf(request.risk, 'risk', REVIEW_RISKS, 'normal');
  if (typeof request.capability !== 'string' || !isPlainName(request.capability)) {
    throw invalidInput('capability', 'capability must be a capability name');
  }
  const timeoutMs = checkWholeNumber(request.timeoutMs, 'timeoutMs', {
    min: 1,
    max: MAX_REVIEW_TIMEOUT_MS,
    fallback: DEFAULT_REVIEW_TIMEOUT_MS,
  });
  const fallback = checkOneOf(request.fallback, 'fallback', REVIEW_DECISIONS, 'deny');
  if (state !== null)
    throw new CoordinationError('already_exists', `review ${command.reviewId} exists already`);
  return [
    {
      type: 'ReviewOpened',
      data: {
        reviewId: command.reviewId,
        requester: refOf(requester),
        toolCall,
        normalizedInput,
        ruleIds,
        reason,
        risk,
        capability: request.capability,
        fallback,
        openedAt: isoAt(now),
        deadline: isoAt(now + timeoutMs),
      },
    },
  ];
}

function checkPending(review: Review, now: number): void {
  if (review.status === 'resolved') {
    throw new CoordinationError(
      'already_resolved',
      `review ${review.reviewId} was resolved: ${review.outcome?.decision}`,
    );
  }
  if (now >= epochOf(review.deadline)) {
    throw new CoordinationError(
      'expired',
      `review ${review.reviewId} expired at ${review.deadline}`,
    );
  }
}

function checkAdmin(actor: Actor, what: string): void {
  if (actor.role !== 'admin') throw new CoordinationError('forbidden', `only an admin may ${what}`);
}

function expertDecision(
  command: Extract<ReviewCommand, { type: 'Decide' }>,
  review: Review,
): ReviewEvent[] {
  const { expert, now } = command;
  if (expert.agentId === review.requester.agentId) {
    throw new CoordinationError('own_request', `${expert.name} may not review its own tool call`);
  }
  if (expert.role !== 'expert' || !expert.capabilities.includes(review.capability)) {
    throw new CoordinationError(
      'not_addressee',
      `review ${review.reviewId} is for experts with the capability ${review.capability}`,
    );
  }
  checkPending(review, now);
  if (review.decisions.some((decision) => decision.expert.agentId === expert.agentId)) {
    throw new CoordinationError(
      'already_decided',
      `${expert.name} has decided on review ${review.reviewId} already`,
    );
  }
  if (typeof command.approve !== 'boolean')
    throw invalidInput('approve', 'approve must be true or false');
  const reason = checkText(command.reason, 'reason', MAX_REVIEW_REASON_LENGTH);
  const by = refOf(expert);
  const decision = { expert: by, approve: command.approve, reason, decidedAt: isoAt(now) };
  const events: ReviewEvent[] = [{ type: 'ReviewDecisionRecorded', data: decision }];
  const settled = consensusOf([...review.decisions, decision], review.risk);
  if (settled !== null) {
    events.push({
      type: 'ReviewResolved',
      data: { decision: settled, resolvedBy: 'experts', by, reason, resolvedAt: isoAt(now) },
    });
  }
  return events;
}

export function decideReview(command: ReviewCommand, state: ReviewState): ReviewEvent[] {
  if (command.type === 'Open') return open(command, state);
  if (state === null) throw notFound('review', command.reviewId);
  switch (command.type) {
    case 'Decide':
      return expertDecision(command, state);
    case 'DecideAsAdmin': {
      checkAdmin(command.admin, 'decide a review directly');
      checkPending(state, command.now);
      if (typeof command.approve !== 'boolean')
        throw invalidInput('approve', 'approve must be true or false');
      const reason = checkText(command.reason, 'reason', MAX_REVIEW_REASON_LENGTH);
      return [
        {
          type: 'ReviewResolved',
          data: {
            decision: command.approve ? 'allow' : 'deny',
            resolvedBy: 'admin',
            by: refOf(command.admin),
            reason,
            resolvedAt: isoAt(command.now),
          },
        },
      ];
    }
    case 'Expire':
      if (state.status !== 'pending' || command.now < epochOf(state.deadline)) return [];
      return [
        {
          type: 'ReviewResolved',
          data: {
            decision: state.fallback,
            resolvedBy: 'fallback',
            by: null,
            reason: `no decision before the deadline; the fallback (${state.fallback}) applies`,
            resolvedAt: isoAt(command.now),
          },
        },
      ];
    case 'Promote': {
      checkAdmin(command.admin, 'promote a review to a rule');
      if (state.status !== 'resolved') {
        throw new CoordinationError('not_resolved', `review ${state.reviewId} is still pending`);
      }
      if (state.promotion !== null) {
        throw new CoordinationError(
          'already_promoted',
          `review ${state.reviewId} was promoted already`,
        );
      }
      const rule = checkText(command.rule, 'rule', MAX_RULE_LENGTH);
      return [
        {
          type: 'ReviewPromotedToRule',
          data: { by: refOf(command.admin), rule, promotedAt: isoAt(command.now) },
        },
      ];
    }
  }
}

export const reviewDecider: Decider<ReviewCommand, ReviewState, ReviewEvent> = {
  decide: decideReview,
  evolve: evolveReview,
  initialState: initialReviewState,
};
