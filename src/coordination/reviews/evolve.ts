import type {
  ReviewDecisionRecorded,
  ReviewEvent,
  ReviewOpened,
  ReviewPromotedToRule,
  ReviewResolved,
} from './events.js';

export type ExpertDecision = ReviewDecisionRecorded['data'];

export type Review = ReviewOpened['data'] & {
  status: 'pending' | 'resolved';
  /** The experts' decisions in the order they came. */
  decisions: ExpertDecision[];
  outcome: ReviewResolved['data'] | null;
  promotion: ReviewPromotedToRule['data'] | null;
};

export type ReviewState = Review | null;

export function initialReviewState(): ReviewState {
  return null;
}

export function evolveReview(state: ReviewState, event: ReviewEvent): ReviewState {
  if (event.type === 'ReviewOpened') {
    return { ...event.data, status: 'pending', decisions: [], outcome: null, promotion: null };
  }
  if (state === null) return state;
  switch (event.type) {
    case 'ReviewDecisionRecorded':
      return { ...state, decisions: [...state.decisions, event.data] };
    case 'ReviewResolved':
      return { ...state, status: 'resolved', outcome: event.data };
    case 'ReviewPromotedToRule':
      return { ...state, promotion: event.data };
    default:
      return state;
  }
}
