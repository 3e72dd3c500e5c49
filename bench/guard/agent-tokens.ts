import { request } from 'undici';
import { BridgeError } from '../../src/events/errors.js';

const REGISTER_CONCURRENCY = 32;

/** Registers `count` builder agents named `<prefix>-<n>`, a few dozen at a time; their tokens in order. */
export async function registerAgents(
  url: string,
  adminToken: string,
  count: number,
  prefix: string,
): Promise<string[]> {
  const tokens: string[] = new Array(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const response = await request(`${url}/v1/agents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `${prefix}-${index}`, role: 'builder' }),
      });
      const body = (await response.body.json()) as { token?: unknown };
      if (response.statusCode !== 201 || typeof body.token !== 'string') {
        throw new BridgeError(
          'agent_registration_failed',
          `registering agent ${index} answered ${response.statusCode}: ${JSON.stringify(body)}`,
        );
      }
      tokens[index] = body.token;
    }
  };
  await Promise.all(Array.from({ length: Math.min(REGISTER_CONCURRENCY, count) }, worker));
  return tokens;
}
