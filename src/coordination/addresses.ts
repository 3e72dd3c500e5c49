import type { RegisteredAgent } from '../agents/evolve.js';
import { isRole, ROLES, type Role } from '../agents/principal.js';
import { CoordinationError } from './errors.js';

/** Who a message, question or task is for: one agent, a role, a capability, or everyone. */
export type Address =
  | { kind: 'agent'; name: string }
  | { kind: 'role'; role: Role }
  | { kind: 'capability'; capability: string }
  | { kind: 'everyone' };

/** What an address is matched against: an agent's name, role and capabilities. */
export interface AddressableAgent {
  name: string;
  role: string;
  capabilities: readonly string[];
}

/** The part of the agent registry that resolves addresses; `AgentRegistry` is one. */
export interface AgentDirectory {
  find(agentIdOrName: string): RegisteredAgent | undefined;
  list(): RegisteredAgent[];
}

const MAX_NAME_LENGTH = 64;
/** The same rule as agent names and capabilities, so every name can be an address. */
const PLAIN_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/** Whether a name can stand in an address: an agent name or a capability. */
export function isPlainName(value: string): boolean {
  return value.length <= MAX_NAME_LENGTH && PLAIN_NAME.test(value);
}

function invalidAddress(text: unknown, why: string): CoordinationError {
  return new CoordinationError(
    'invalid_address',
    `address ${JSON.stringify(text)} is invalid: ${why}`,
    { address: typeof text === 'string' ? text : null },
  );
}

/** Parses `<agent name>`, `role:<role>`, `capability:<name>` or `*`; throws `invalid_address`. */
export function parseAddress(text: unknown): Address {
  if (typeof text !== 'string') throw invalidAddress(text, 'an address is a string');
  if (text === '*') return { kind: 'everyone' };
  const colon = text.indexOf(':');
  if (colon === -1) {
    if (!isPlainName(text)) {
      throw invalidAddress(
        text,
        `use an agent name (a-z, 0-9, '.', '_', '-'), role:<role>, capability:<name> or *`,
      );
    }
    return { kind: 'agent', name: text };
  }
  const prefix = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (prefix === 'role') {
    if (!isRole(rest)) throw invalidAddress(text, `the role must be one of ${ROLES.join(', ')}`);
    return { kind: 'role', role: rest };
  }
  if (prefix === 'capability') {
    if (!isPlainName(rest))
      throw invalidAddress(text, 'a capability is written like an agent name');
    return { kind: 'capability', capability: rest };
  }
  throw invalidAddress(text, `unknown prefix "${prefix}:" (use role: or capability:)`);
}

export function formatAddress(address: Address): string {
  switch (address.kind) {
    case 'agent':
      return address.name;
    case 'role':
      return `role:${address.role}`;
    case 'capability':
      return `capability:${address.capability}`;
    case 'everyone':
      return '*';
  }
}

/** Whether the address reaches the agent. A string is parsed first (recorded addresses always parse). */
export function reaches(address: Address | string, agent: AddressableAgent): boolean {
  const parsed = typeof address === 'string' ? parseAddress(address) : address;
  switch (parsed.kind) {
    case 'agent':
      return agent.name === parsed.name;
    case 'role':
      return agent.role === parsed.role;
    case 'capability':
      return agent.capabilities.includes(parsed.capability);
    case 'everyone':
      return true;
  }
}

/** The registered agents an address reaches now, by name. */
export function resolveAddress(address: Address, agents: AgentDirectory): RegisteredAgent[] {
  if (address.kind === 'agent') {
    const agent = agents.find(address.name);
    return agent && agent.name === address.name ? [agent] : [];
  }
  return agents.list().filter((agent) => reaches(address, agent));
}

/**
 * The agents to deliver to: a named agent must be registered; a group address reaches every
 * registered member except the sender, and must reach at least one.
 */
export function resolveRecipients(
  address: Address,
  agents: AgentDirectory,
  senderId: string,
): RegisteredAgent[] {
  const reached = resolveAddress(address, agents);
  if (address.kind === 'agent') {
    if (reached.length === 0) {
      throw new CoordinationError('no_recipients', `no agent is named ${address.name}`, {
        address: address.name,
      });
    }
    return reached;
  }
  const others = reached.filter((agent) => agent.agentId !== senderId);
  if (others.length === 0) {
    throw new CoordinationError(
      'no_recipients',
      `${formatAddress(address)} reaches no registered agent besides the sender`,
      { address: formatAddress(address) },
    );
  }
  return others;
}
