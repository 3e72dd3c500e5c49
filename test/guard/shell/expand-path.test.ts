import { describe, expect, it } from 'vitest';
import { expandPath } from '../../../src/guard/shell/index.js';
import { commandsOf } from './parse-helpers.js';

const context = {
  cwd: '/work/app',
  home: '/home/dev',
  env: { TMPDIR: '/var/tmp', OLDPWD: '/prev' },
};

function argument(written: string) {
  const [command] = commandsOf(`rm ${written}`);
  return command?.argv[1] ?? expect.fail(`no argument in ${written}`);
}

describe('expandPath', () => {
  it.each([
    ['/etc/passwd', '/etc/passwd'],
    ['build', '/work/app/build'],
    ['./build/../dist', '/work/app/dist'],
    ['../..', '/'],
    ['../../../..', '/'],
    ['~', '/home/dev'],
    ['~/.ssh', '/home/dev/.ssh'],
    ['~+/x', '/work/app/x'],
    ['~-', '/prev'],
    ['$HOME', '/home/dev'],
    [`\${HOME}/.aws`, '/home/dev/.aws'],
    ['"$HOME/my dir"', '/home/dev/my dir'],
    ['$PWD/x', '/work/app/x'],
    ['$TMPDIR/cache', '/var/tmp/cache'],
    ['//etc///hosts/', '/etc/hosts'],
    ["'~'", '/work/app/~'],
    ['"a b"', '/work/app/a b'],
  ])('%s → %s', (written, path) => {
    expect(expandPath(argument(written), context)).toEqual({
      ok: true,
      path,
      pattern: false,
      base: path,
    });
  });

  it.each([
    ['*', '/work/app/*', '/work/app'],
    ['/*', '/*', '/'],
    ['~/*', '/home/dev/*', '/home/dev'],
    ['src/*.ts', '/work/app/src/*.ts', '/work/app/src'],
    ['a/b*/c', '/work/app/a/b*/c', '/work/app/a'],
    ['{a,b}', '/work/app/{a,b}', '/work/app'],
    ['/var/log/[ab].log', '/var/log/[ab].log', '/var/log'],
  ])('a pattern %s names matches under its base', (written, path, base) => {
    expect(expandPath(argument(written), context)).toEqual({ ok: true, path, pattern: true, base });
  });

  it.each([
    ['$UNKNOWN/x', '$UNKNOWN is only known at run time'],
    [`\${HOME:-/tmp}`, `\${HOME:-/tmp} is only known at run time`],
    ['$(pwd)', '$(pwd) is only known at run time'],
    ['`pwd`/x', '`pwd` is only known at run time'],
    ['~bob/x', '~bob is not known'],
    ['$1', '$1 is only known at run time'],
    ['""', 'an empty word is not a path'],
  ])('%s is unresolved', (written, reason) => {
    expect(expandPath(argument(written), context)).toEqual({ ok: false, reason });
  });

  it('does not guess a previous directory it was not given', () => {
    expect(expandPath(argument('~-'), { cwd: '/a', home: '/h' }).ok).toBe(false);
  });
});
