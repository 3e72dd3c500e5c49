import type { InboxFilter } from '../../coordination/messages/inbox.js';
import type {
  InboxPage,
  MessageView,
  SendMessageInput,
} from '../../coordination/messages/service.js';
import { type Requester, segment } from './requester.js';

export type { InboxPage, MessageView, SendMessageInput };

/** What `inbox` may filter on: the inbox's own filter, every field optional. */
export type InboxQuery = InboxFilter;

/** Messages between agents (`/v1/messages`). */
export class MessagesClient {
  constructor(private readonly bridge: Requester) {}

  send(message: SendMessageInput): Promise<MessageView> {
    return this.bridge.request('POST', '/v1/messages', { body: message });
  }

  inbox(query: InboxQuery = {}): Promise<InboxPage> {
    const { importance, ...rest } = query;
    return this.bridge.request('GET', '/v1/messages', {
      query: {
        ...rest,
        unread: rest.unread ? 'true' : undefined,
        importance: importance?.join(','),
      },
    });
  }

  /** One message; fetching it marks it read for the caller. */
  get(messageId: string): Promise<MessageView> {
    return this.bridge.request('GET', `/v1/messages/${segment(messageId)}`);
  }

  markRead(messageId: string): Promise<MessageView> {
    return this.bridge.request('POST', `/v1/messages/${segment(messageId)}/read`);
  }

  acknowledge(messageId: string): Promise<MessageView> {
    return this.bridge.request('POST', `/v1/messages/${segment(messageId)}/ack`);
  }
}
