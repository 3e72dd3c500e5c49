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
