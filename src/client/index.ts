export { BridgeClient, type BridgeClientOptions } from './client.js';
export * from './coordination/index.js';
export { BridgeClientError } from './errors.js';
export { EventFeed, type EventFeedOptions } from './event-feed.js';
export type {
  AgentCredentials,
  AgentSummary,
  HealthAnswer,
  RegisterAgentRequest,
  StoredBlob,
} from './types.js';
