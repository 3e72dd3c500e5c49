import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../events/errors.js';
import { randomSecret, TOKEN_PREFIX } from './tokens.js';

export const ADMIN_TOKEN_FILE = 'admin.token';

export interface AdminToken {
  token: string;
  /** True when this call generated the token and wrote it: the caller shows it once. */
  created: boolean;
}

function writeFileDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readAdminToken(path: string): string {
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new InvalidInputError(`${path} is readable by other users; run chmod 600 on it`);
  }
  const token = readFileSync(path, 'utf8').trim();
  if (token.length === 0) throw new InvalidInputError(`${path} is empty`);
  return token;
}

/**
 * The bootstrap administrator's token: the configured one, or the one in `<dataDir>/admin.token`,
 * created on first start. The file appears whole or not at all (written aside, then hard-linked
 * into place, which also fails rather than overwrite a token another process just created).
 */
export function loadOrCreateAdminToken(dataDir: string, configured?: string): AdminToken {
  if (configured !== undefined) {
    if (configured.trim().length === 0)
      throw new InvalidInputError('the admin token must not be empty');
    return { token: configured, created: false };
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, ADMIN_TOKEN_FILE);
  try {
    return { token: readAdminToken(path), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = `${TOKEN_PREFIX}admin_${randomSecret()}`;
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileDurably(aside, `${token}\n`);
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { token: readAdminToken(path), created: false };
  } finally {
    unlinkSync(aside);
  }
  syncDirectory(dataDir);
  return { token, created: true };
}
