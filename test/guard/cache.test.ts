import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/guard/engine/decision-cache.js';
import { createGuard } from '../../src/guard/index.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME } from './cases/case.js';
import { bash, writePolicy } from './support.js';

const tempDir = useTempDirs();

describe('decision cache', () => {
  it('answers a repeated call from the cache with the same decision', () => {
    const guard = createGuard({ projectRoot: tempDir(), home: HOME });
    const call = bash('git stash drop', { cwd: '/home/dev/app' });
    const first = guard.decide(call);
    const second = guard.decide(call);
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect({ ...second, cached: false, durationMicros: 0 }).toEqual({
      ...first,
      durationMicros: 0,
    });
  });

  it('keys entries by the working directory, since paths resolve against it', () => {
    const guard = createGuard({ projectRoot: '/home/dev/app', home: HOME });
    expect(guard.decide(bash('rm -rf ..', { cwd: '/home/dev/app/src/lib' })).verdict).toBe('allow');
    expect(guard.decide(bash('rm -rf ..', { cwd: '/home/dev/app' })).verdict).toBe('deny');
  });

  it('keys entries by role, and by agent name only for agents with overrides', () => {
    const root = tempDir();
    writePolicy(root, {
      policy:
        'roles:\n  expert:\n    profile: strict\nagents:\n  ops:\n    disable: [system.elevated]\n',
    });
    const guard = createGuard({ projectRoot: root, home: HOME });
    const sudo = (role: 'builder' | 'expert', name: string) =>
      guard.decide(bash('sudo ls', { cwd: root, role, name }));
    expect(sudo('builder', 'a')).toMatchObject({ verdict: 'ask', cached: false });
    expect(sudo('builder', 'b')).toMatchObject({ verdict: 'ask', cached: true });
    expect(sudo('expert', 'c')).toMatchObject({ verdict: 'deny', cached: false });
    expect(sudo('builder', 'ops')).toMatchObject({ verdict: 'allow', cached: false });
    expect(sudo('builder', 'ops')).toMatchObject({ verdict: 'allow', cached: true });
  });

  it('never answers from an entry of another policy version', () => {
    const root = tempDir();
    writePolicy(root, { policy: 'profile: standard\n' });
    const guard = createGuard({ projectRoot: root, home: HOME });
    const call = bash('git stash drop', { cwd: root });
    expect(guard.decide(call)).toMatchObject({ verdict: 'ask' });
    expect(guard.decide(call)).toMatchObject({ verdict: 'ask', cached: true });
    writePolicy(root, { policy: 'profile: strict\n' });
    guard.reload();
    const after = guard.decide(call);
    expect(after).toMatchObject({
      verdict: 'deny',
      cached: false,
      policyVersion: guard.policyVersion,
    });
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new LruCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([
      1,
      undefined,
      3,
      2,
    ]);
  });

  it('keeps an entry that is used now and then however many others come and go', () => {
    const cache = new LruCache<number>(100);
    cache.set('kept', 0);
    for (let index = 1; index <= 1000; index += 1) {
      cache.set(`other-${index}`, index);
      if (index % 40 === 0) expect(cache.get('kept')).toBe(0);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('other-1')).toBeUndefined();
    expect(cache.get('other-1000')).toBe(1000);
  });

  it('caches nothing with a capacity of 0', () => {
    const cache = new LruCache<number>(0);
    cache.set('a', 1);
    expect([cache.get('a'), cache.size]).toEqual([undefined, 0]);
  });

  it('stays within its bound under many distinct calls', () => {
    const guard = createGuard({ projectRoot: tempDir(), home: HOME, cacheSize: 8 });
    for (let index = 0; index < 50; index += 1)
      guard.decide(bash(`echo ${index}`, { cwd: '/home/dev/app' }));
    expect(guard.decide(bash('echo 49', { cwd: '/home/dev/app' })).cached).toBe(true);
    expect(guard.decide(bash('echo 0', { cwd: '/home/dev/app' })).cached).toBe(false);
  });
});
