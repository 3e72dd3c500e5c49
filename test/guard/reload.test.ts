import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGuard, type Guard, type ReloadEvent } from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME } from './cases/case.js';
import { bash, writePolicy } from './support.js';

const tempDir = useTempDirs();
const opened: Guard[] = [];
afterEach(() => {
  for (const guard of opened.splice(0)) guard.close();
});

function watchedGuard(files: { config?: string; policy?: string } = {}) {
  const root = tempDir();
  writePolicy(root, files);
  const guard = createGuard({ projectRoot: root, home: HOME, watch: true, reloadDebounceMs: 20 });
  opened.push(guard);
  const events: ReloadEvent[] = [];
  guard.onReload((event) => events.push(event));
  const nextEvent = () =>
    new Promise<ReloadEvent>((resolve) => {
      const stop = guard.onReload((event) => {
        stop();
        resolve(event);
      });
    });
  const verdictOf = (command: string) => guard.decide(bash(command, { cwd: root })).verdict;
  return { root, guard, events, nextEvent, verdictOf };
}

describe('hot reload', () => {
  it('applies a valid change to policy.yaml under a new version', async () => {
    const { root, guard, nextEvent, verdictOf } = watchedGuard({ policy: 'profile: standard\n' });
    const before = guard.policyVersion;
    expect(verdictOf('git stash drop')).toBe('ask');
    const reloaded = nextEvent();
    writePolicy(root, { policy: 'profile: strict\n' });
    const event = await reloaded;
    expect(event).toMatchObject({
      ok: true,
      previousVersion: before,
      version: guard.policyVersion,
    });
    expect(guard.policyVersion).not.toBe(before);
    expect(verdictOf('git stash drop')).toBe('deny');
    expect(guard.reloadStatus.error).toBeNull();
  });

  it('refuses an invalid change, names the problem and keeps the policy in force', async () => {
    const { root, guard, nextEvent, verdictOf } = watchedGuard({ policy: 'profile: strict\n' });
    const before = guard.policyVersion;
    const reloaded = nextEvent();
    writePolicy(root, { policy: 'profile: strict\ndisable: [fs.delete-home-or-root]\n' });
    const event = await reloaded;
    expect(event.ok).toBe(false);
    const file = path.join(root, '.lighthouse', 'policy.yaml');
    expect(event).toMatchObject({ version: before, error: { file, key: 'disable[0]' } });
    expect(!event.ok && event.error.message).toMatch(
      /disable\[0\] in \S+policy\.yaml:2:11 cannot disable "fs\.delete-home-or-root": it is locked/,
    );
    expect(guard.policyVersion).toBe(before);
    expect(guard.reloadStatus.error).toMatchObject({ file, key: 'disable[0]' });
    expect(verdictOf('git stash drop')).toBe('deny');

    const fixed = nextEvent();
    writePolicy(root, { policy: 'profile: permissive\n' });
    expect(await fixed).toMatchObject({ ok: true });
    expect(guard.reloadStatus.error).toBeNull();
    expect(verdictOf('git stash drop')).toBe('ask');
  });

  it('sees policy.yaml appear where .lighthouse did not exist, and go away again', async () => {
    const { root, guard, nextEvent, verdictOf } = watchedGuard();
    const initial = guard.policyVersion;
    const created = nextEvent();
    writePolicy(root, { policy: 'disable: [git.reset-hard]\n' });
    await created;
    expect(verdictOf('git reset --hard')).toBe('allow');
    const removed = nextEvent();
    rmSync(path.join(root, '.lighthouse', 'policy.yaml'));
    await removed;
    expect(verdictOf('git reset --hard')).toBe('deny');
    expect(guard.policyVersion).toBe(initial);
  });

  it('keeps following policy.yaml when .lighthouse is removed and made again', async () => {
    const { root, nextEvent, verdictOf } = watchedGuard({ policy: 'disable: [git.reset-hard]\n' });
    const removed = nextEvent();
    rmSync(path.join(root, '.lighthouse'), { recursive: true });
    await removed;
    expect(verdictOf('git reset --hard')).toBe('deny');
    const created = nextEvent();
    writePolicy(root, { policy: 'disable: [git.stash-drop]\n' });
    await created;
    expect(verdictOf('git stash drop')).toBe('allow');
  });

  it('follows an editor that saves by renaming a new file over policy.yaml, again and again', async () => {
    const { root, nextEvent, verdictOf } = watchedGuard({ policy: 'profile: standard\n' });
    const file = path.join(root, '.lighthouse', 'policy.yaml');
    for (const [profile, verdict] of [
      ['strict', 'deny'],
      ['permissive', 'ask'],
      ['strict', 'deny'],
    ] as const) {
      const reloaded = nextEvent();
      writeFileSync(`${file}.tmp`, `profile: ${profile}\n`);
      renameSync(`${file}.tmp`, file);
      await reloaded;
      expect(verdictOf('git stash drop')).toBe(verdict);
    }
  });

  it('is not woken by other files written beside policy.yaml', async () => {
    const { root, events } = watchedGuard({ policy: 'profile: standard\n' });
    for (let index = 0; index < 20; index++) {
      writeFileSync(path.join(root, '.lighthouse', 'events.db-wal'), `commit ${index}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual([]);
  });

  it('follows the guard section of lighthouse.yaml', async () => {
    const { root, nextEvent, verdictOf } = watchedGuard({ config: 'port: 9000\n' });
    const reloaded = nextEvent();
    writeFileSync(
      path.join(root, 'lighthouse.yaml'),
      'port: 9000\nguard:\n  disable: [git.stash-drop]\n',
    );
    await reloaded;
    expect(verdictOf('git stash drop')).toBe('allow');
  });

  it('reloads on request, quiet when nothing changed, and tells when a refusal ends', () => {
    const { root, guard, events } = watchedGuard({ policy: 'profile: strict\n' });
    const event = guard.reload();
    expect(event).toMatchObject({
      ok: true,
      version: guard.policyVersion,
      previousVersion: guard.policyVersion,
    });
    expect(events).toEqual([]);
    writePolicy(root, { policy: 'profile: [' });
    expect(guard.reload()).toMatchObject({ ok: false, error: { key: null } });
    expect(events).toHaveLength(1);
    writePolicy(root, { policy: 'profile: strict\n' });
    expect(guard.reload()).toMatchObject({ ok: true, version: guard.policyVersion });
    expect(events).toHaveLength(2);
    expect(guard.reloadStatus.error).toBeNull();
  });

  it('stops watching when closed', async () => {
    const { root, guard, events } = watchedGuard({ policy: 'profile: standard\n' });
    guard.close();
    writePolicy(root, { policy: 'profile: strict\n' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual([]);
  });
});
