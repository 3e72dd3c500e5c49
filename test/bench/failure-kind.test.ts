import { describe, expect, it } from 'vitest';
import { failureKind } from '../../bench/coordination/failure-kind.js';
import { BridgeClientError } from '../../src/client/index.js';

describe('failureKind', () => {
  it.each([
    {
      error: new BridgeClientError(409, 'lease_conflict', 'held'),
      kind: 'http_409_lease_conflict',
    },
    { error: new BridgeClientError(0, 'unreachable', 'down'), kind: 'unreachable' },
    { error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }), kind: 'ECONNRESET' },
    { error: new TypeError('bad'), kind: 'TypeError' },
    { error: 'a string', kind: 'error' },
  ])('counts $error as $kind', ({ error, kind }) => {
    expect(failureKind(error)).toBe(kind);
  });
});
