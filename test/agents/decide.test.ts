import { describe, expect, it } from 'vitest';
import { type AgentCommand, agentDecider } from '../../src/agents/decide.js';
import type { AgentEvent } from '../../src/agents/events.js';
import { fold } from '../../src/events/decider.js';
import { BridgeError } from '../../src/events/errors.js';

const AGENT_ID = '01939d2e-7a4b-7000-8000-000000000001';
const TOKEN_A = { tokenId: '01939d2e-7a4b-7000-8000-0000000000aa', tokenHash: 'a'.repeat(64) };
const TOKEN_B = { tokenId: '01939d2e-7a4b-7000-8000-0000000000bb', tokenHash: 'b'.repeat(64) };

const registration = {
  type: 'RegisterAgent',
  agentId: AGENT_ID,
  name: 'alice',
  role: 'builder',
  capabilities: ['typescript', 'review'],
  description: 'writes code',
  token: TOKEN_A,
} as const satisfies AgentCommand;

const registered: AgentEvent = {
  type: 'AgentRegistered',
  data: {
    agentId: AGENT_ID,
    name: 'alice',
    role: 'builder',
    capabilities: ['typescript', 'review'],
    description: 'writes code',
  },
};
const issuedA: AgentEvent = { type: 'AgentTokenIssued', data: TOKEN_A };
const issuedB: AgentEvent = { type: 'AgentTokenIssued', data: TOKEN_B };

interface Case {
  name: string;
  given: AgentEvent[];
  when: AgentCommand;
  expected: AgentEvent[] | { error: string; message?: RegExp };
}

const cases: Case[] = [
  {
    name: 'registers a new agent with its first token',
    given: [],
    when: registration,
    expected: [registered, issuedA],
  },
  {
    name: 'refuses a name that is taken',
    given: [registered, issuedA],
    when: registration,
    expected: { error: 'agent_exists', message: /alice/ },
  },
  ...['', 'Alice', '-alice', '.alice', 'al ice', 'al/ice', 'ä', 'a'.repeat(65), 'admin'].map(
    (name): Case => ({
      name: `refuses the name ${JSON.stringify(name.length > 10 ? `${name.slice(0, 5)}…` : name)}`,
      given: [],
      when: { ...registration, name },
      expected: { error: 'invalid_agent', message: /name/ },
    }),
  ),
  ...['a', '0', 'a.b_c-d', 'x'.repeat(64)].map(
    (name): Case => ({
      name: `accepts the name ${name.length > 10 ? `${name.slice(0, 5)}…` : name}`,
      given: [],
      when: { ...registration, name },
      expected: [{ ...registered, data: { ...registered.data, name } } as AgentEvent, issuedA],
    }),
  ),
  {
    name: 'refuses an unknown role',
    given: [],
    when: { ...registration, role: 'root' },
    expected: {
      error: 'invalid_agent',
      message: /role must be one of admin, builder, expert, observer/,
    },
  },
  {
    name: 'refuses a capability that could not be an address',
    given: [],
    when: { ...registration, capabilities: ['Review Code'] },
    expected: { error: 'invalid_agent', message: /capability/ },
  },
  {
    name: 'refuses repeated capabilities',
    given: [],
    when: { ...registration, capabilities: ['review', 'review'] },
    expected: { error: 'invalid_agent', message: /repeat/ },
  },
  {
    name: 'refuses a description that is too long',
    given: [],
    when: { ...registration, description: 'x'.repeat(1001) },
    expected: { error: 'invalid_agent', message: /description/ },
  },
  {
    name: 'refuses an agent id that is not a UUID',
    given: [],
    when: { ...registration, agentId: 'alice' },
    expected: { error: 'invalid_agent', message: /agentId/ },
  },
  {
    name: 'issues another token to a registered agent',
    given: [registered, issuedA],
    when: { type: 'IssueToken', agent: 'alice', ...TOKEN_B },
    expected: [issuedB],
  },
  {
    name: 'refuses a token for an agent that is not registered',
    given: [],
    when: { type: 'IssueToken', agent: 'bob', ...TOKEN_B },
    expected: { error: 'agent_not_found', message: /bob/ },
  },
  {
    name: 'revokes every live token',
    given: [registered, issuedA, issuedB],
    when: { type: 'RevokeTokens', agent: 'alice' },
    expected: [
      { type: 'AgentTokensRevoked', data: { tokenIds: [TOKEN_A.tokenId, TOKEN_B.tokenId] } },
    ],
  },
  {
    name: 'revokes only tokens still live',
    given: [
      registered,
      issuedA,
      { type: 'AgentTokensRevoked', data: { tokenIds: [TOKEN_A.tokenId] } },
      issuedB,
    ],
    when: { type: 'RevokeTokens', agent: 'alice' },
    expected: [{ type: 'AgentTokensRevoked', data: { tokenIds: [TOKEN_B.tokenId] } }],
  },
  {
    name: 'revoking with no live token records nothing',
    given: [
      registered,
      issuedA,
      { type: 'AgentTokensRevoked', data: { tokenIds: [TOKEN_A.tokenId] } },
    ],
    when: { type: 'RevokeTokens', agent: 'alice' },
    expected: [],
  },
  {
    name: 'refuses to revoke for an agent that is not registered',
    given: [],
    when: { type: 'RevokeTokens', agent: 'bob' },
    expected: { error: 'agent_not_found' },
  },
];

describe('agent decider', () => {
  it.each(cases)('$name', ({ given, when, expected }) => {
    const state = fold(agentDecider, given);
    if (Array.isArray(expected)) {
      expect(agentDecider.decide(when, state)).toEqual(expected);
      return;
    }
    let caught: unknown;
    try {
      agentDecider.decide(when, state);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BridgeError);
    expect((caught as BridgeError).code).toBe(expected.error);
    if (expected.message) expect((caught as BridgeError).message).toMatch(expected.message);
  });
});

describe('agent evolve', () => {
  const table: Array<{ name: string; given: AgentEvent[]; expected: Record<string, unknown> }> = [
    { name: 'starts unregistered', given: [], expected: { status: 'unregistered' } },
    {
      name: 'registration records the profile without tokens',
      given: [registered],
      expected: {
        status: 'registered',
        agentId: AGENT_ID,
        name: 'alice',
        role: 'builder',
        tokens: {},
      },
    },
    {
      name: 'an issued token is live under its id',
      given: [registered, issuedA],
      expected: { tokens: { [TOKEN_A.tokenId]: TOKEN_A.tokenHash } },
    },
    {
      name: 'revoked tokens are gone, later ones stay',
      given: [
        registered,
        issuedA,
        { type: 'AgentTokensRevoked', data: { tokenIds: [TOKEN_A.tokenId] } },
        issuedB,
      ],
      expected: { tokens: { [TOKEN_B.tokenId]: TOKEN_B.tokenHash } },
    },
    {
      name: 'token events before a registration change nothing',
      given: [issuedA],
      expected: { status: 'unregistered' },
    },
  ];
  it.each(table)('$name', ({ given, expected }) => {
    expect(fold(agentDecider, given)).toMatchObject(expected);
  });
});
