import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Signals for requests that wait for an outcome (`?waitMs=`). Each aborts when its client goes
 * away or when the bridge starts shutting down, so no wait outlives its caller or holds up
 * shutdown, which waits for requests in flight.
 */
export function waitSignals(app: FastifyInstance): (reply: FastifyReply) => AbortSignal {
  const waiting = new Set<AbortController>();
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    for (const controller of waiting) controller.abort();
  });
  return (reply) => {
    const controller = new AbortController();
    if (closing || reply.raw.destroyed) {
      controller.abort();
      return controller.signal;
    }
    waiting.add(controller);
    reply.raw.once('close', () => {
      waiting.delete(controller);
      controller.abort();
    });
    return controller.signal;
  };
}
