import { expect } from 'vitest';
import type { TestBridge } from '../harness.js';

export interface TeamMember {
  agentId: string;
  name: string;
  token: string;
}

export interface MemberSpec {
  name: string;
  role: string;
  capabilities?: readonly string[];
}

/** Registers agents through `POST /v1/agents` and returns their credentials by name. */
export async function registerTeam(
  bridge: TestBridge,
  specs: readonly MemberSpec[],
): Promise<Record<string, TeamMember>> {
  const team: Record<string, TeamMember> = {};
  for (const spec of specs) {
    const answer = await bridge.call('POST', '/v1/agents', { body: spec });
    if (answer.status !== 201) {
      throw new Error(`registering ${spec.name}: ${JSON.stringify(answer.body)}`);
    }
    team[spec.name] = { agentId: answer.body.agentId, name: spec.name, token: answer.body.token };
  }
  return team;
}

/**
 * Sends `METHOD /path` as the given token and checks the refusal: its status, its code, the
 * field or value its message or details name, and that the log did not grow.
 */
export async function expectRefusalRecordsNothing(
  bridge: TestBridge,
  token: string | null,
  request: string,
  body: unknown,
  refusal: { status: number; code: string; named?: string },
): Promise<void> {
  const [method, path] = request.split(' ') as [string, string];
  const head = await bridge.head();
  const answer = await bridge.call(method, path, { token, body });
  expect(answer.status).toBe(refusal.status);
  expect(answer.body.error.code).toBe(refusal.code);
  const { message, details } = answer.body.error;
  if (refusal.named) expect(`${message} ${JSON.stringify(details)}`).toContain(refusal.named);
  expect(await bridge.head()).toBe(head);
}
