export { BridgeClient, type BridgeClientOptions } from './client.js';
export { BridgeClientError } from './errors.js';
export { EventFeed, type EventFeedOptions } from './event-feed.js';
export type {
  AgentCredentials,
  AgentSummary,
  HealthAnswer,
  RegisterAgentRequest,
} from './types.js';
