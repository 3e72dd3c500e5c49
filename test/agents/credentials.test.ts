import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_FILE, loadOrCreateAdminToken } from '../../src/agents/admin-token.js';
import { can, PERMISSIONS, type Permission } from '../../src/agents/permissions.js';
import { ROLES, type Role } from '../../src/agents/principal.js';
import { agentTokenId, hashToken, newAgentToken, sameDigest } from '../../src/agents/tokens.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'lhb-credentials-'));
}

describe('agent tokens', () => {
  it('have the form lhb_<tokenId>_<43 base64url characters> and carry only their hash out', () => {
    const issued = newAgentToken();
    expect(issued.token).toMatch(/^lhb_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(issued.token.startsWith(`lhb_${issued.tokenId}_`)).toBe(true);
    expect(issued.tokenHash).toBe(hashToken(issued.token));
    expect(agentTokenId(issued.token)).toBe(issued.tokenId);
  });

  it('are all different', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newAgentToken().token));
    expect(tokens.size).toBe(100);
  });

  it.each([
    ['empty', ''],
    ['no prefix', '01939d2e-7a4b-7000-8000-000000000001_aaaa'],
    ['short secret', 'lhb_01939d2e-7a4b-7000-8000-000000000001_abc'],
    ['bad id', `lhb_not-a-uuid_${'a'.repeat(43)}`],
    ['trailing text', `${newAgentToken().token}x`],
  ])('a malformed token (%s) has no token id', (_name, token) => {
    expect(agentTokenId(token)).toBeNull();
  });

  it('compares digests of equal length only', () => {
    const digest = hashToken('x');
    expect(sameDigest(digest, hashToken('x'))).toBe(true);
    expect(sameDigest(digest, hashToken('y'))).toBe(false);
    expect(sameDigest(digest, digest.slice(0, 62))).toBe(false);
    expect(sameDigest(digest, 'zz')).toBe(false);
  });
});

describe('bootstrap admin token', () => {
  it('is created once with mode 0600 and then read back', () => {
    const dir = tempDir();
    const first = loadOrCreateAdminToken(dir);
    expect(first.created).toBe(true);
    const path = join(dir, ADMIN_TOKEN_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.token);
    expect(first.token.length).toBeGreaterThanOrEqual(40);
    expect(loadOrCreateAdminToken(dir)).toEqual({ token: first.token, created: false });
    expect(readdirSync(dir)).toEqual([ADMIN_TOKEN_FILE]);
  });

  it('comes from config when given, and then no file is written', () => {
    const dir = tempDir();
    expect(loadOrCreateAdminToken(dir, 'configured-secret')).toEqual({
      token: 'configured-secret',
      created: false,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses an empty configured token', () => {
    expect(() => loadOrCreateAdminToken(tempDir(), '  ')).toThrow(/must not be empty/);
  });

  it('refuses a token file other users can read', () => {
    const dir = tempDir();
    const path = join(dir, ADMIN_TOKEN_FILE);
    writeFileSync(path, 'shared\n');
    chmodSync(path, 0o644);
    expect(() => loadOrCreateAdminToken(dir)).toThrow(/chmod 600/);
  });
});

describe('permissions', () => {
  const expected: Record<Role, Permission[]> = {
    admin: [...PERMISSIONS],
    builder: [
      'events:read',
      'events:append',
      'agents:read',
      'metrics:read',
      'coordination:read',
      'coordination:act',
    ],
    expert: [
      'events:read',
      'events:append',
      'agents:read',
      'metrics:read',
      'coordination:read',
      'coordination:act',
    ],
    observer: ['events:read', 'agents:read', 'metrics:read', 'coordination:read'],
  };
  const table = ROLES.flatMap((role) =>
    PERMISSIONS.map((permission) => ({
      role,
      permission,
      granted: expected[role].includes(permission),
    })),
  );
  it.each(table)('$role has $permission: $granted', ({ role, permission, granted }) => {
    expect(can(role, permission)).toBe(granted);
  });
});
