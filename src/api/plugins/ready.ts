import type { FastifyPluginAsync } from 'fastify';
import { BridgeError } from '../../events/errors.js';

/** Something that must hold before the bridge serves correct answers (store open, read models caught up). */
export interface ReadinessCheck {
  name: string;
  ready(): boolean | Promise<boolean>;
}

async function passes(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check.ready();
  } catch {
    return false;
  }
}

export const readyPlugin: FastifyPluginAsync<{ checks: ReadinessCheck[] }> = async (
  app,
  { checks },
) => {
  app.get('/ready', async () => {
    const results = await Promise.all(checks.map(passes));
    const failing = checks.filter((_, index) => !results[index]).map((check) => check.name);
    if (failing.length > 0) throw new BridgeError('not_ready', `not ready: ${failing.join(', ')}`);
    return { status: 'ready' };
  });
};
