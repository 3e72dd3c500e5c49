import { describe, expect, it } from 'vitest';
import { compileNameGlobs } from '../../src/guard/paths/glob.js';
import { globScope, resolveToolPath } from '../../src/guard/paths/locations.js';
import { compilePathPatterns } from '../../src/guard/paths/path-pattern.js';

const at = { cwd: '/home/dev/work/app/src', home: '/home/dev', projectRoot: '/home/dev/work/app' };

describe('path patterns', () => {
  it.each([
    ['/', '/', true],
    ['/', '/etc', false],
    ['/etc/**', '/etc', true],
    ['/etc/**', '/etc/ssh/sshd_config', true],
    ['/etc/**', '/etcetera', false],
    ['/dev/sd*', '/dev/sda1', true],
    ['/dev/sd*', '/dev/sd/x', false],
    ['~', '/home/dev', true],
    ['~/.ssh/**', '/home/dev/.ssh', true],
    ['~/.ssh/**', '/home/dev/.ssh/id_rsa', true],
    ['~/.ssh/id_*', '/home/dev/.ssh/id_rsa.pub', true],
    ['~/.ssh/*.pub', '/home/dev/.ssh/id_rsa.pub', true],
    ['~/.ssh/**', '/root/.ssh/id_rsa', false],
    ['.env', '/home/dev/work/app/.env', true],
    ['.env', '/home/dev/work/app/sub/.env', false],
    ['**/.env', '/home/dev/work/app/sub/.env', true],
    ['**/.env', '/elsewhere/.env', true],
    ['**/.env.*', '/home/dev/work/app/.env.local', true],
    ['**/.git', '/home/dev/work/app/.git', true],
    ['**/.git/hooks/**', '/x/.git/hooks/pre-commit', true],
    ['src/**/*.ts', '/home/dev/work/app/src/a/b.ts', true],
    ['src/**/*.ts', '/home/dev/work/app/src/b.ts', true],
    ['src/*.{ts,js}', '/home/dev/work/app/src/b.js', true],
    ['src/[ab].ts', '/home/dev/work/app/src/c.ts', false],
    ['.', '/home/dev/work/app', true],
    ['**', '/home/dev/work/app/anything/below', true],
    ['**', '/home/dev/work', false],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    expect(compilePathPatterns([pattern]).matches(file, at)).toBe(expected);
  });

  it('joins many globs of different anchors into one test', () => {
    const set = compilePathPatterns(['/etc/**', '~/.ssh/**', '.env', '**/.git']);
    const hits = [
      '/etc/hosts',
      '/home/dev/.ssh/id_rsa',
      '/home/dev/work/app/.env',
      '/x/.git',
      '/tmp/a',
    ].map((file) => set.matches(file, at));
    expect(hits).toEqual([true, true, true, true, false]);
  });

  it.each([
    ['main', 'main', true],
    ['release/*', 'release/2.0', true],
    ['release/*', 'release', false],
    ['delete-*', 'delete-db-instance', true],
    ['\\*', '*', true],
    ['\\*', 'main', false],
    ['[4267][0-7][0-7][0-7]', '4755', true],
    ['[4267][0-7][0-7][0-7]', '0755', false],
    [':(top)', ':(top)', true],
    ['*.example.com', 'a.example.com', true],
  ])('name glob %s matches %s: %s', (glob, name, expected) => {
    expect(compileNameGlobs([glob]).test(name)).toBe(expected);
  });

  it('an empty list of name globs matches nothing', () => {
    expect(compileNameGlobs([]).test('')).toBe(false);
  });

  it.each([
    ['notes.txt', '/home/dev/work/app/src/notes.txt'],
    ['../README.md', '/home/dev/work/app/README.md'],
    ['~', '/home/dev'],
    ['~/.ssh/config', '/home/dev/.ssh/config'],
    ['$HOME/x', '/home/dev/x'],
    [`\${HOME}/x`, '/home/dev/x'],
    ['/etc/../etc/hosts', '/etc/hosts'],
    ['/tmp/', '/tmp'],
  ])('tool path %s resolves to %s', (raw, resolved) => {
    expect(resolveToolPath(raw, at)).toBe(resolved);
  });

  it.each([
    ['**/*.ts', '.'],
    ['src/**/*.ts', 'src'],
    ['/etc/*.conf', '/etc'],
    ['/*', '/'],
    ['docs/README.md', 'docs/README.md'],
  ])('the scope of glob %s is %s', (pattern, scope) => {
    expect(globScope(pattern)).toBe(scope);
  });
});
