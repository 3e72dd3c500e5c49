import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import { createHttpDurationHistogram } from '../../metrics/http.js';
import { appWide } from './app-wide.js';

/** Times every request by route pattern; hooks are app-wide so they see every route. */
export const requestTimingPlugin = appWide<{ registry: Registry }>(async (app, { registry }) => {
  const duration = createHttpDurationHistogram(registry);
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });
});

export const metricsPlugin: FastifyPluginAsync<{ registry: Registry; isPublic: boolean }> = async (
  app,
  { registry, isPublic },
) => {
  app.get(
    '/metrics',
    { config: { public: isPublic, permission: 'metrics:read' } },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
};
