import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/events/canonical.js';
import type { JsonValue } from '../../src/events/envelope.js';

const CASES: Array<[string, unknown, string]> = [
  ['null and undefined', undefined, 'null'],
  ['a scalar', 'a "quoted" é', '"a \\"quoted\\" é"'],
  [
    'keys sorted at every depth',
    { b: 1, a: { d: [2, 1], c: null } },
    '{"a":{"c":null,"d":[2,1]},"b":1}',
  ],
  ['keys already in order', { a: 1, b: 2, c: 3 }, '{"a":1,"b":2,"c":3}'],
  ['undefined fields left out, first or last', { x: undefined, b: 1, a: undefined }, '{"b":1}'],
  ['only undefined fields', { a: undefined }, '{}'],
  ['undefined in an array as null', [1, undefined, 'x'], '[1,null,"x"]'],
  ['empty containers', { a: [], b: {} }, '{"a":[],"b":{}}'],
  ['keys sorted by code unit, not locale', { b: 1, B: 2, ä: 3, a: 4 }, '{"B":2,"a":4,"b":1,"ä":3}'],
  ['keys that need escaping', { 'a"b': 1, '\n': 2 }, '{"\\n":2,"a\\"b":1}'],
];

describe('canonicalJson', () => {
  for (const [name, value, expected] of CASES) {
    it(name, () => {
      expect(canonicalJson(value as JsonValue)).toBe(expected);
    });
  }

  it('gives one text for the same value whatever its key order', () => {
    const left = { tool: 'Bash', input: { command: 'ls', timeout: 5 }, cwd: '/x' };
    const right = { cwd: '/x', input: { timeout: 5, command: 'ls' }, tool: 'Bash' };
    expect(canonicalJson(left)).toBe(canonicalJson(right));
    expect(JSON.parse(canonicalJson(left))).toEqual(left);
  });
});
