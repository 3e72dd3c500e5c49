import type { FastifyPluginAsync } from 'fastify';
import { BRIDGE_VERSION } from '../version.js';

const healthResponse = {
  200: {
    type: 'object',
    properties: {
      status: { type: 'string' },
      version: { type: 'string' },
      uptimeSeconds: { type: 'number' },
    },
  },
} as const;

export const healthPlugin: FastifyPluginAsync = async (app) => {
  const startedAt = performance.now();
  app.get(
    '/health',
    { config: { public: true }, schema: { response: healthResponse } },
    async () => ({
      status: 'ok',
      version: BRIDGE_VERSION,
      uptimeSeconds: Math.round((performance.now() - startedAt) / 1000),
    }),
  );
};
