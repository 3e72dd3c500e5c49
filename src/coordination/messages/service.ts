import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { isUuid, uuidv7 } from '../../events/uuid.js';
import { refOf } from '../actor.js';
import { type AgentDirectory, parseAddress, resolveRecipients } from '../addresses.js';
import { CoordinationError, notFound } from '../errors.js';
import { executeCommand } from '../execute.js';
import { Projection } from '../projection.js';
import { type Clock, systemClock } from '../time.js';
import {
  checkAttachments,
  messageDecider,
  type ReceiptCommand,
  receiptDecider,
  type SendMessage,
} from './decide.js';
import { MESSAGE_STREAM_PREFIX, messageStreamId, receiptStreamId } from './events.js';
import { isRecipient, type Message } from './evolve.js';
import { canSee, checkInboxFilter, type InboxFilter, InboxModel } from './inbox.js';

export interface SendMessageInput {
  /** An address: agent name, `role:<role>`, `capability:<name>` or `*`. */
  to: string;
  subject: string;
  body: string;
  /** Continue this thread; without it the message starts a new one. */
  threadId?: string;
  importance?: string;
  ackRequired?: boolean;
  /** Hashes of blobs already stored. */
  attachments?: string[];
}

/** A message as one agent sees it: `read` and `acknowledged` are that agent's own receipts. */
export type MessageView = Message & { read: boolean; acknowledged: boolean };

/** One page of an inbox; `next` is the `before` of the following page, null at the end. */
export interface InboxPage {
  messages: MessageView[];
  next: string | null;
}

export interface MessageServiceOptions {
  clock?: Clock;
}

export class MessageService {
  private readonly model = new InboxModel();
  private readonly projection: Projection;
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
    options: MessageServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.projection = new Projection(store, this.model, {
      name: 'coordination.messages',
      version: 1,
      filter: { streamPrefix: MESSAGE_STREAM_PREFIX },
    });
  }

  start(): Promise<void> {
    return this.projection.start();
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  close(): Promise<void> {
    return this.projection.close();
  }

  /** Resolves the address to its recipients now and records the message for each of them. */
  async send(principal: Principal, input: SendMessageInput): Promise<MessageView> {
    const recipients = resolveRecipients(parseAddress(input.to), this.agents, principal.agentId);
    for (const hash of checkAttachments(input.attachments)) {
      if ((await this.store.getBlob(hash)) === null) {
        throw new CoordinationError('attachment_not_found', `no blob has the hash ${hash}`, {
          hash,
        });
      }
    }
    const threadId = input.threadId?.toLowerCase() ?? null;
    if (
      threadId !== null &&
      isUuid(threadId) &&
      !this.model.isParticipant(threadId, principal.agentId)
    ) {
      throw notFound('thread', threadId);
    }
    const messageId = uuidv7();
    const command: SendMessage = {
      type: 'SendMessage',
      messageId,
      threadId,
      from: refOf(principal),
      to: input.to,
      recipients: recipients.map(refOf),
      subject: input.subject,
      body: input.body,
      importance: input.importance,
      ackRequired: input.ackRequired,
      attachments: input.attachments,
      now: this.clock(),
    };
    await executeCommand(
      this.store,
      this.projection,
      messageStreamId(messageId),
      messageDecider,
      command,
      principal,
    );
    return this.get(principal, messageId);
  }

  /** Idempotent: marking a read message again records nothing. */
  markRead(principal: Principal, messageId: string): Promise<MessageView> {
    return this.receipt(principal, messageId, 'MarkRead');
  }

  /** Idempotent: acknowledging again records nothing. */
  acknowledge(principal: Principal, messageId: string): Promise<MessageView> {
    return this.receipt(principal, messageId, 'Acknowledge');
  }

  /** A message its sender or a recipient asks for; anyone else learns nothing of it. */
  get(principal: Principal, messageId: string): MessageView {
    const message = this.model.get(this.visibleId(principal, messageId)) as Message;
    return viewOf(message, principal.agentId);
  }

  /** The caller's messages matching the filter, newest first. */
  inbox(principal: Principal, filter: InboxFilter = {}): MessageView[] {
    return this.inboxPage(principal, filter).messages;
  }

  /** Like `inbox`, with the cursor of the following page. */
  inboxPage(principal: Principal, filter: InboxFilter = {}): InboxPage {
    const query = checkInboxFilter(filter);
    // One more than the page tells whether another page follows.
    const found = this.model.list(principal.agentId, { ...query, limit: query.limit + 1 });
    const page = found.slice(0, query.limit).map((message) => viewOf(message, principal.agentId));
    return {
      messages: page,
      next: found.length > query.limit ? (page.at(-1) as MessageView).messageId : null,
    };
  }

  private visibleId(principal: Principal, messageId: string): string {
    const id = messageId.toLowerCase();
    const message = isUuid(id) ? this.model.get(id) : undefined;
    if (!message || !canSee(message, principal.agentId)) throw notFound('message', messageId);
    return id;
  }

  private async receipt(
    principal: Principal,
    messageId: string,
    type: ReceiptCommand['type'],
  ): Promise<MessageView> {
    const id = this.visibleId(principal, messageId);
    const command: ReceiptCommand = {
      type,
      messageId: id,
      agentId: principal.agentId,
      recipient: isRecipient(this.model.get(id) as Message, principal.agentId),
      now: this.clock(),
    };
    await executeCommand(
      this.store,
      this.projection,
      receiptStreamId(id, principal.agentId),
      receiptDecider,
      command,
      principal,
    );
    return this.get(principal, id);
  }
}

function viewOf(message: Message, viewerId: string): MessageView {
  return {
    ...message,
    read: !isRecipient(message, viewerId) || viewerId in message.readBy,
    acknowledged: viewerId in message.acknowledgedBy,
  };
}
