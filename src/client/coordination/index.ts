import { LeasesClient } from './leases.js';
import { MessagesClient } from './messages.js';
import { PresenceClient } from './presence.js';
import { QuestionsClient } from './questions.js';
import type { Requester } from './requester.js';
import { ReviewsClient } from './reviews.js';
import { TasksClient } from './tasks.js';

/** The coordination routes of a bridge, one client per domain, over one BridgeClient. */
export class CoordinationClient {
  readonly presence: PresenceClient;
  readonly messages: MessagesClient;
  readonly questions: QuestionsClient;
  readonly tasks: TasksClient;
  readonly reviews: ReviewsClient;
  readonly leases: LeasesClient;

  constructor(bridge: Requester) {
    this.presence = new PresenceClient(bridge);
    this.messages = new MessagesClient(bridge);
    this.questions = new QuestionsClient(bridge);
    this.tasks = new TasksClient(bridge);
    this.reviews = new ReviewsClient(bridge);
    this.leases = new LeasesClient(bridge);
  }
}

export * from './leases.js';
export * from './messages.js';
export * from './presence.js';
export * from './questions.js';
export * from './reviews.js';
export * from './tasks.js';
