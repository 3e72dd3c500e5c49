import type { FastifyPluginAsync } from 'fastify';
import { BridgeError } from '../../events/errors.js';
import type { EventStore } from '../../events/store.js';
import { blobParams, blobResponse } from '../schemas/blobs.js';

/**
 * Content-addressed blobs (message attachments, say): the request body is stored as it is,
 * whatever its content type, and named by the sha256 of its bytes.
 */
export const blobsPlugin: FastifyPluginAsync<{ store: EventStore }> = async (app, { store }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post<{ Body: Buffer | undefined }>(
    '/v1/blobs',
    { config: { permission: 'events:append' }, schema: { response: { 201: blobResponse } } },
    async (request, reply) => {
      const stored = await store.putBlob(request.body ?? Buffer.alloc(0));
      return reply.code(201).send(stored);
    },
  );

  app.get<{ Params: { hash: string } }>(
    '/v1/blobs/:hash',
    { config: { permission: 'events:read' }, schema: { params: blobParams } },
    async (request, reply) => {
      const { hash } = request.params;
      const content = await store.getBlob(hash);
      if (content === null) {
        throw new BridgeError('not_found', `no blob has the hash ${hash}`, { hash });
      }
      return reply
        .type('application/octet-stream')
        .header('etag', `"${hash}"`)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    },
  );
};
