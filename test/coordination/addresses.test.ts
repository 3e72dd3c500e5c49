import { describe, expect, it } from 'vitest';
import {
  type Address,
  formatAddress,
  parseAddress,
  reaches,
  resolveAddress,
  resolveRecipients,
} from '../../src/coordination/addresses.js';
import { BridgeError } from '../../src/events/errors.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, registerAgents } from './harness.js';

const tempDir = useTempDirs();

describe('parseAddress', () => {
  const valid: [string, Address][] = [
    ['alice', { kind: 'agent', name: 'alice' }],
    ['bot-2.b_x', { kind: 'agent', name: 'bot-2.b_x' }],
    ['role:expert', { kind: 'role', role: 'expert' }],
    ['role:admin', { kind: 'role', role: 'admin' }],
    ['capability:security', { kind: 'capability', capability: 'security' }],
    ['*', { kind: 'everyone' }],
  ];
  for (const [text, address] of valid) {
    it(`parses ${text} and formats it back`, () => {
      expect(parseAddress(text)).toEqual(address);
      expect(formatAddress(address)).toBe(text);
    });
  }

  const invalid: [unknown, RegExp][] = [
    ['', /agent name/],
    ['Alice', /agent name/],
    ['-alice', /agent name/],
    ['al ice', /agent name/],
    ['role:root', /role must be one of admin, builder, expert, observer/],
    ['role:', /role must be one of/],
    ['capability:', /capability/],
    ['capability:Sec', /capability/],
    ['team:red', /unknown prefix "team:"/],
    ['**', /agent name/],
    [42, /a string/],
    ['a'.repeat(65), /agent name/],
  ];
  for (const [text, message] of invalid) {
    it(`refuses ${JSON.stringify(text).slice(0, 20)} with invalid_address`, () => {
      let caught: unknown;
      try {
        parseAddress(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BridgeError);
      expect((caught as BridgeError).code).toBe('invalid_address');
      expect((caught as BridgeError).message).toMatch(message);
    });
  }
});

describe('reaches', () => {
  const alice = { name: 'alice', role: 'builder', capabilities: ['typescript'] };
  const sam = { name: 'sam', role: 'expert', capabilities: ['security', 'review'] };
  const rows: [string, typeof alice, boolean][] = [
    ['alice', alice, true],
    ['alice', sam, false],
    ['role:builder', alice, true],
    ['role:builder', sam, false],
    ['role:expert', sam, true],
    ['capability:security', sam, true],
    ['capability:security', alice, false],
    ['capability:typescript', alice, true],
    ['*', alice, true],
    ['*', sam, true],
  ];
  for (const [address, agent, expected] of rows) {
    it(`${address} ${expected ? 'reaches' : 'does not reach'} ${agent.name}`, () => {
      expect(reaches(address, agent)).toBe(expected);
      expect(reaches(parseAddress(address), agent)).toBe(expected);
    });
  }
});

describe('resolving addresses against the registry', () => {
  it('finds the agents each kind of address reaches', async () => {
    const world = await openWorld(tempDir());
    const agents = await registerAgents(world, [
      { name: 'alice', role: 'builder', capabilities: ['typescript'] },
      { name: 'bob', role: 'builder' },
      { name: 'sam', role: 'expert', capabilities: ['security'] },
      { name: 'sue', role: 'expert', capabilities: ['security', 'performance'] },
    ]);
    const names = (text: string) =>
      resolveAddress(parseAddress(text), world.registry).map((agent) => agent.name);
    expect(names('alice')).toEqual(['alice']);
    expect(names('nobody')).toEqual([]);
    expect(names(agents.alice?.agentId as string)).toEqual([]);
    expect(names('role:builder')).toEqual(['alice', 'bob']);
    expect(names('capability:security')).toEqual(['sam', 'sue']);
    expect(names('capability:performance')).toEqual(['sue']);
    expect(names('capability:cooking')).toEqual([]);
    expect(names('*')).toEqual(['alice', 'bob', 'sam', 'sue']);

    const recipients = (text: string, sender: string) =>
      resolveRecipients(parseAddress(text), world.registry, agents[sender]?.agentId as string).map(
        (agent) => agent.name,
      );
    expect(recipients('*', 'alice')).toEqual(['bob', 'sam', 'sue']);
    expect(recipients('alice', 'alice')).toEqual(['alice']);
    expect(recipients('capability:performance', 'alice')).toEqual(['sue']);
    expect(() => recipients('capability:performance', 'sue')).toThrow(
      /reaches no registered agent/,
    );
    expect(() => recipients('nobody', 'alice')).toThrow(/no agent is named nobody/);
    await world.close();
  });
});
