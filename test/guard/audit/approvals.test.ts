import { describe, expect, it } from 'vitest';
import { fold } from '../../../src/events/decider.js';
import {
  APPROVAL_CODE_LENGTH,
  approvalCodeFor,
  deriveApprovalKey,
  normalizeApprovalCode,
} from '../../../src/guard/audit/approval-code.js';
import {
  type ApprovalCommand,
  approvalDecider,
} from '../../../src/guard/audit/approval-decider.js';
import type { ApprovalEvent, ApprovalGrant } from '../../../src/guard/audit/events.js';

const NOW = 1_700_000_000_000;

const grant: ApprovalGrant = {
  code: 'ABC234',
  agentId: 'agent-1',
  agent: 'bob',
  tool: 'Bash',
  inputDigest: 'digest-1',
  policyVersion: 'v1',
  summary: 'git push --force',
  approvedBy: 'admin',
  grantedAt: NOW,
  expiresAt: NOW + 600_000,
};

const granted: ApprovalEvent = { type: 'GuardApprovalGranted', data: grant };
const consumed: ApprovalEvent = {
  type: 'GuardApprovalConsumed',
  data: { code: 'ABC234', agentId: 'agent-1', sessionId: 's', toolUseId: 't', at: NOW + 1 },
};

function consume(overrides: Partial<Extract<ApprovalCommand, { type: 'ConsumeApproval' }>> = {}) {
  return {
    type: 'ConsumeApproval' as const,
    code: 'ABC234',
    agentId: 'agent-1',
    inputDigest: 'digest-1',
    sessionId: 's',
    toolUseId: 't',
    now: NOW + 1,
    ...overrides,
  };
}

describe('approval decider', () => {
  it.each<[string, ApprovalEvent[], ApprovalCommand, ApprovalEvent[] | RegExp]>([
    ['grants a fresh code', [], { type: 'GrantApproval', grant }, [granted]],
    [
      'changes nothing when the code is already granted',
      [granted],
      { type: 'GrantApproval', grant },
      [],
    ],
    ['grants a used code again', [granted, consumed], { type: 'GrantApproval', grant }, [granted]],
    [
      'grants an expired code again',
      [granted],
      { type: 'GrantApproval', grant: { ...grant, grantedAt: grant.expiresAt + 1 } },
      [{ type: 'GuardApprovalGranted', data: { ...grant, grantedAt: grant.expiresAt + 1 } }],
    ],
    ['consumes a live grant once', [granted], consume(), [consumed]],
    ['refuses a code never granted', [], consume(), /not granted, already used, or expired/],
    ['refuses a used code', [granted, consumed], consume(), /not granted, already used/],
    ['refuses an expired grant', [granted], consume({ now: grant.expiresAt }), /expired/],
    ['refuses another agent', [granted], consume({ agentId: 'agent-2' }), /another call/],
    ['refuses another call', [granted], consume({ inputDigest: 'digest-2' }), /another call/],
  ])('%s', (_name, given, command, then) => {
    const state = fold(approvalDecider, given);
    if (then instanceof RegExp) {
      expect(() => approvalDecider.decide(command, state)).toThrow(then);
    } else {
      expect(approvalDecider.decide(command, state)).toEqual(then);
    }
  });
});

describe('approval codes', () => {
  const key = deriveApprovalKey(Buffer.alloc(32, 7));

  it('are short, readable, the same for the same call and different for another', () => {
    const code = approvalCodeFor(key, 'digest-1');
    expect(code).toMatch(new RegExp(`^[A-HJ-NP-Z2-9]{${APPROVAL_CODE_LENGTH}}$`));
    expect(approvalCodeFor(key, 'digest-1')).toBe(code);
    expect(approvalCodeFor(key, 'digest-2')).not.toBe(code);
    expect(approvalCodeFor(deriveApprovalKey(Buffer.alloc(32, 8)), 'digest-1')).not.toBe(code);
  });

  it.each([
    [' abc234 ', 'ABC234'],
    ['ABC234', 'ABC234'],
    ['ABC23', null],
    ['ABC2340', null],
    ['ABCO10', null],
  ])('reads %j as %j', (text, code) => {
    expect(normalizeApprovalCode(text)).toBe(code);
  });
});
