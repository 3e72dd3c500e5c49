import { describe, expect, it } from 'vitest';
import {
  compilePattern,
  normalizeLeasePattern,
  patternsOverlap,
  toProjectPath,
} from '../../src/coordination/leases/lease-paths.js';
import { BridgeError } from '../../src/events/errors.js';

const ROOT = '/work/project';

describe('normalizeLeasePattern', () => {
  const valid: [string, string][] = [
    ['src/app.ts', 'src/app.ts'],
    ['./src//app.ts', 'src/app.ts'],
    ['src/api/', 'src/api'],
    ['src/./api/../lib/x.ts', 'src/lib/x.ts'],
    ['/work/project/src/app.ts', 'src/app.ts'],
    ['/work/project/../project/docs', 'docs'],
    ['src/**/*.ts', 'src/**/*.ts'],
    ['**', '**'],
    ['src/**/**/x', 'src/**/x'],
    ['src/file?.md', 'src/file?.md'],
    ['weird [name]{x}.txt', 'weird [name]{x}.txt'],
  ];
  for (const [raw, normalized] of valid) {
    it(`normalizes ${raw}`, () => {
      expect(normalizeLeasePattern(raw, ROOT)).toBe(normalized);
    });
  }

  const invalid: [unknown, RegExp][] = [
    ['', /1 to 1024 characters/],
    [42, /1 to 1024 characters/],
    ['x'.repeat(1025), /1 to 1024 characters/],
    ['/etc/passwd', /outside the project/],
    ['/work/projectile/x', /outside the project/],
    ['../secrets', /climbs out of the project/],
    ['src/../../x', /climbs out of the project/],
    ['**/..', /puts .. after \*\*/],
    ['.', /names the whole project/],
    ['/work/project', /names the whole project/],
    ['src/a**b', /stands alone/],
    ['src/\nx', /control characters/],
  ];
  for (const [raw, message] of invalid) {
    it(`refuses ${JSON.stringify(raw).slice(0, 24)}`, () => {
      let caught: unknown;
      try {
        normalizeLeasePattern(raw, ROOT);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BridgeError);
      expect((caught as BridgeError).code).toBe('invalid_path');
      expect((caught as BridgeError).message).toMatch(message);
    });
  }
});

describe('toProjectPath', () => {
  const rows: [string, string | null][] = [
    ['/work/project/src/a.ts', 'src/a.ts'],
    ['src/a.ts', 'src/a.ts'],
    ['/work/project/src/../b.ts', 'b.ts'],
    ['/work/project', ''],
    ['/work/other/a.ts', null],
    ['/work/projectile', null],
    ['../x', null],
    ['/work/project/src/', 'src'],
    ['/work/project//src/./a.ts', 'src/a.ts'],
    ['/work/project/src/..', ''],
    ['/work/project/..', null],
    ['/work/project/../project/a.ts', 'a.ts'],
    ['/', null],
  ];
  for (const [path, expected] of rows) {
    it(`maps ${path}`, () => {
      expect(toProjectPath(path, ROOT)).toBe(expected);
    });
  }
  it('resolves a project root given with a trailing slash or dots', () => {
    expect(toProjectPath('/work/project/a.ts', '/work/project/')).toBe('a.ts');
    expect(toProjectPath('/work/project/a.ts', '/work/x/../project')).toBe('a.ts');
  });
});

describe('what a compiled pattern covers', () => {
  const rows: [string, string, boolean][] = [
    ['src/a.ts', 'src/a.ts', true],
    ['src/a.ts', 'src/a.tsx', false],
    ['src', 'src/deep/file.ts', true],
    ['src', 'srcx/file.ts', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/sub/a.ts', false],
    ['src/*', 'src/sub', true],
    ['src/*', 'src/sub/a.ts', false],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.ts', true],
    ['src/**/*.ts', 'src/x/y/a.js', false],
    ['src/**', 'src', true],
    ['src/**', 'src/a/b', true],
    ['**/package.json', 'package.json', true],
    ['**/package.json', 'a/b/package.json', true],
    ['**/package.json', 'a/b/package.jsonx', false],
    ['**', 'anything/at/all', true],
    ['file?.md', 'file1.md', true],
    ['file?.md', 'file10.md', false],
    ['a.b', 'aXb', false],
    ['(x)+', '(x)+', true],
  ];
  for (const [pattern, path, expected] of rows) {
    it(`${pattern} ${expected ? 'covers' : 'does not cover'} ${path}`, () => {
      expect(compilePattern(pattern).regex.test(path)).toBe(expected);
    });
  }
});

describe('patternsOverlap', () => {
  const rows: [string, string, boolean][] = [
    ['src/a.ts', 'src/a.ts', true],
    ['src/a.ts', 'src/b.ts', false],
    ['src', 'src/a.ts', true],
    ['src/api', 'src/apix', false],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/a.js', false],
    ['src/*.ts', 'src/*.js', false],
    ['src/*.ts', 'src/a*', true],
    ['src/**/*.ts', 'src/deep/x/y.ts', true],
    ['src/**/*.ts', 'lib/y.ts', false],
    ['src/**/*.ts', 'src/**/*.css', false],
    ['**/*.ts', 'docs/*.md', false],
    ['**/*.ts', 'docs', true],
    // A path without wildcards may be a folder, so a glob reaching beneath it overlaps.
    ['**/*.ts', 'docs/readme.md', true],
    ['src/*/index.ts', 'src/api/*.ts', true],
    ['src/*/index.ts', 'src/api/main.ts', false],
    ['a?c', 'abc', true],
    ['a?c', 'abd', false],
    ['*', 'x', true],
    ['**', 'deep/path', true],
    ['test/**', 'src/**', false],
  ];
  for (const [left, right, expected] of rows) {
    it(`${left} ${expected ? 'overlaps' : 'does not overlap'} ${right}`, () => {
      expect(patternsOverlap(compilePattern(left), compilePattern(right))).toBe(expected);
      expect(patternsOverlap(compilePattern(right), compilePattern(left))).toBe(expected);
    });
  }
});
