import type { FastifyPluginAsync } from 'fastify';

/**
 * Marks a plugin so its hooks, handlers and decorators apply to the whole app instead of being
 * encapsulated in its own context (the flag Fastify reads; fastify-plugin sets the same one).
 */
export function appWide<Options extends Record<string, unknown>>(
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  Object.defineProperty(plugin, Symbol.for('skip-override'), { value: true });
  return plugin;
}
