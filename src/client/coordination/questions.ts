import { MAX_HTTP_WAIT_MS } from '../../api/schemas/coordination/common.js';
import type { ElicitationStatus } from '../../coordination/elicitations/events.js';
import type { Elicitation } from '../../coordination/elicitations/evolve.js';
import type {
  AskInput,
  ElicitationFilter,
  ElicitationPage,
} from '../../coordination/elicitations/service.js';
import { type Requester, segment } from './requester.js';

export type { AskInput, Elicitation, ElicitationFilter, ElicitationPage, ElicitationStatus };

/** Questions with typed answers (`/v1/elicitations`). */
export class QuestionsClient {
  constructor(private readonly bridge: Requester) {}

  ask(question: AskInput): Promise<Elicitation> {
    return this.bridge.request('POST', '/v1/elicitations', { body: question });
  }

  list(filter: ElicitationFilter = {}): Promise<ElicitationPage> {
    return this.bridge.request('GET', '/v1/elicitations', { query: { ...filter } });
  }

  /** The question as it stands, or once settled when it settles within `waitMs` (at most 60 s). */
  get(elicitationId: string, waitMs?: number): Promise<Elicitation> {
    return this.bridge.request('GET', `/v1/elicitations/${segment(elicitationId)}`, {
      query: { waitMs },
    });
  }

  /**
   * The question once it is no longer open: answered, declined, cancelled or expired at its
   * deadline. Asks again after each wait the bridge allows (the deadline ends every question).
   */
  async waitForOutcome(elicitationId: string): Promise<Elicitation> {
    let question = await this.get(elicitationId, MAX_HTTP_WAIT_MS);
    while (question.status === 'open') {
      question = await this.get(elicitationId, MAX_HTTP_WAIT_MS);
    }
    return question;
  }

  answer(elicitationId: string, data: unknown): Promise<Elicitation> {
    return this.bridge.request('POST', `/v1/elicitations/${segment(elicitationId)}/answer`, {
      body: { data },
    });
  }

  decline(elicitationId: string, reason?: string): Promise<Elicitation> {
    return this.bridge.request('POST', `/v1/elicitations/${segment(elicitationId)}/decline`, {
      body: reason === undefined ? {} : { reason },
    });
  }

  cancel(elicitationId: string, reason?: string): Promise<Elicitation> {
    return this.bridge.request('POST', `/v1/elicitations/${segment(elicitationId)}/cancel`, {
      body: reason === undefined ? {} : { reason },
    });
  }
}
