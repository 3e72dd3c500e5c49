import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { IntegrityError } from './errors.js';

export const SECRET_FILE = 'secret';

/**
 * The key of the event chain. It lives in `<dataDir>/secret` (mode 0600), created once with
 * an exclusive open so two processes starting together cannot write different keys.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SECRET_FILE);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readSecret(path);
}

export function readSecret(path: string): Buffer {
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new IntegrityError(`${path} does not hold a 64-digit hex secret`);
  }
  if ((statSync(path).mode & 0o077) !== 0) {
    throw new IntegrityError(`${path} is readable by other users; run chmod 600 on it`);
  }
  return Buffer.from(text, 'hex');
}
