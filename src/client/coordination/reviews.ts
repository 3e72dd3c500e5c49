import type { Review } from '../../coordination/reviews/evolve.js';
import { type Requester, segment } from './requester.js';

export type { Review };

export interface ReviewQuery {
  status?: 'pending' | 'resolved';
  capability?: string;
  /** Only the pending reviews the caller, as an expert, may still decide on. */
  mine?: boolean;
  limit?: number;
}

/** Expert reviews of escalated tool calls (`/v1/reviews`). */
export class ReviewsClient {
  constructor(private readonly bridge: Requester) {}

  async list(query: ReviewQuery = {}): Promise<Review[]> {
    const { reviews } = await this.bridge.request<{ reviews: Review[] }>('GET', '/v1/reviews', {
      query: { ...query, mine: query.mine ? 'true' : undefined },
    });
    return reviews;
  }

  get(reviewId: string): Promise<Review> {
    return this.bridge.request('GET', `/v1/reviews/${segment(reviewId)}`);
  }

  decide(reviewId: string, decision: { approve: boolean; reason: string }): Promise<Review> {
    return this.bridge.request('POST', `/v1/reviews/${segment(reviewId)}/decision`, {
      body: decision,
    });
  }
}
