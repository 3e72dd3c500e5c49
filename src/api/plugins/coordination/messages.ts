import type { FastifyPluginAsync } from 'fastify';
import type { MessageBox } from '../../../coordination/messages/inbox.js';
import type { MessageService, SendMessageInput } from '../../../coordination/messages/service.js';
import { idParams } from '../../schemas/coordination/common.js';
import {
  inboxQuery,
  inboxResponse,
  messageResponse,
  sendMessageBody,
} from '../../schemas/coordination/messages.js';
import { principalOf } from '../auth.js';

interface MessageRoute {
  Params: { id: string };
}

interface InboxRoute {
  Querystring: {
    box?: MessageBox;
    unread?: boolean;
    threadId?: string;
    importance?: string;
    since?: string | number;
    query?: string;
    before?: string;
    limit?: number;
  };
}

const read = { permission: 'coordination:read' } as const;
const act = { permission: 'coordination:act' } as const;
const messageRoute = { params: idParams, response: { 200: messageResponse } };

/**
 * Messages between agents. Reading marks a message read for the caller (a receipt only the
 * caller writes), so observers may read; sending and acknowledging are acts.
 */
export const messagesPlugin: FastifyPluginAsync<{ messages: MessageService }> = async (
  app,
  { messages },
) => {
  app.post<{ Body: SendMessageInput }>(
    '/v1/messages',
    { config: act, schema: { body: sendMessageBody, response: { 201: messageResponse } } },
    async (request, reply) => {
      const sent = await messages.send(principalOf(request), request.body);
      return reply.code(201).send(sent);
    },
  );

  app.get<InboxRoute>(
    '/v1/messages',
    { config: read, schema: { querystring: inboxQuery, response: { 200: inboxResponse } } },
    async (request) => {
      const { importance, ...filter } = request.query;
      return messages.inboxPage(principalOf(request), {
        ...filter,
        importance: importance?.split(',').map((level) => level.trim()),
      });
    },
  );

  app.get<MessageRoute>(
    '/v1/messages/:id',
    { config: read, schema: messageRoute },
    async (request) => {
      const principal = principalOf(request);
      const message = messages.get(principal, request.params.id);
      return message.read ? message : messages.markRead(principal, message.messageId);
    },
  );

  app.post<MessageRoute>(
    '/v1/messages/:id/read',
    { config: read, schema: messageRoute },
    async (request) => messages.markRead(principalOf(request), request.params.id),
  );

  app.post<MessageRoute>(
    '/v1/messages/:id/ack',
    { config: act, schema: messageRoute },
    async (request) => messages.acknowledge(principalOf(request), request.params.id),
  );
};
