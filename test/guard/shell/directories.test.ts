import { describe, expect, it } from 'vitest';
import { type DirectoryChange, resolveWorkingDirectory } from '../../../src/guard/shell/index.js';
import { commandNamed, commandsOf } from './parse-helpers.js';

const context = { cwd: '/work/app', home: '/home/dev', env: { OLDPWD: '/old' } };

function describeChanges(changes: readonly DirectoryChange[]): string[] {
  return changes.map((change) =>
    change.kind === 'dir' ? `${change.command} ${change.target.text}` : change.kind,
  );
}

/** The directory `rm` runs in, or the reason it cannot be known. */
function whereRmRuns(source: string): string {
  const resolved = resolveWorkingDirectory(commandNamed(source, 'rm').cdBefore, context);
  return resolved.ok ? resolved.path : 'unknown';
}

describe('directory changes before a command', () => {
  it.each([
    ['rm -rf *', '/work/app'],
    ['cd / && rm -rf *', '/'],
    ['cd /; rm -rf *', '/'],
    ['cd /\nrm -rf *', '/'],
    ['cd .. && cd .. && rm -rf x', '/'],
    ['cd ~ && rm -rf x', '/home/dev'],
    ['cd && rm -rf x', '/home/dev'],
    ['cd $HOME/src && rm -rf x', '/home/dev/src'],
    ['cd "$HOME" && rm -rf x', '/home/dev'],
    ['cd - && rm -rf x', '/old'],
    ['cd -P /tmp && rm x', '/tmp'],
    ['cd build || exit 1; rm -rf *', '/work/app/build'],
    ['cd build && make && rm -rf obj', '/work/app/build'],
    ['pushd /tmp && rm x', '/tmp'],
    ['pushd /tmp; popd; rm x', '/work/app'],
    ['builtin cd /etc && rm x', '/etc'],
    ['{ cd /etc; }; rm x', '/etc'],
    ['(cd /etc); rm x', '/work/app'],
    ['(cd /etc && rm x)', '/etc'],
    ['echo $(cd /etc); rm x', '/work/app'],
    ['cd /etc & rm x', '/work/app'],
    ['cd /etc | cat; rm x', '/work/app'],
    ["bash -c 'cd /etc'; rm x", '/work/app'],
    ["cd /srv && bash -c 'cd data && rm -rf *'", '/srv/data'],
    ['cd /srv && sudo rm -rf x', '/srv'],
    ['sudo cd /etc; rm x', '/work/app'],
    ['cd /srv && find . -exec rm {} \\;', '/srv'],
    ['cd /srv && xargs rm < list', '/srv'],
  ])('%s', (source, directory) => {
    expect(whereRmRuns(source)).toBe(directory);
  });

  it.each([
    ['cd $DIR && rm -rf *', 'a variable'],
    ['cd "$(mktemp -d)" && rm -rf *', 'a substitution'],
    ['cd /tmp/* && rm x', 'a pattern'],
    ['cd ~bob && rm x', 'another user home'],
    ['cd x || echo failed; rm -rf *', 'a cd that may have failed'],
    ['cd x || rm -rf *', 'a command after ||'],
    ['test -d x && cd x; rm -rf *', 'a cd that may have been skipped'],
    ['false || cd x && rm -rf *', 'a cd after ||'],
    ['if true; then cd /; fi; rm -rf *', 'a cd in a branch'],
    ['for d in a b; do cd $d; done; rm -rf *', 'a cd in a loop'],
    ['case x in a) cd /;; esac; rm x', 'a cd in a case branch'],
    ['f() { rm -rf *; }', 'a function body'],
    ['popd; rm x', 'an unknown stack'],
    ['pushd; rm x', 'a stack swap'],
    ['find . -execdir rm {} \\;', 'find -execdir'],
  ])('%s is unknown (%s)', (source) => {
    expect(whereRmRuns(source)).toBe('unknown');
  });

  it('records the changes in order', () => {
    const [, , rm] = commandsOf('cd /srv && pushd data && rm x');
    expect(describeChanges(rm?.cdBefore ?? [])).toEqual(['cd /srv', 'pushd data']);
  });

  it('changes the directory for the rest of a group but not after a subshell', () => {
    const commands = commandsOf('(cd /a; x); { cd /b; y; }; z');
    expect(commands.map((command) => describeChanges(command.cdBefore))).toEqual([
      [],
      ['cd /a'],
      [],
      ['cd /b'],
      ['cd /b'],
    ]);
  });
});

describe('resolveWorkingDirectory', () => {
  it('starts from the call directory', () => {
    expect(resolveWorkingDirectory([], context)).toEqual({ ok: true, path: '/work/app' });
  });

  it('explains why it cannot resolve', () => {
    const [, rm] = commandsOf('cd "$X" && rm y');
    expect(resolveWorkingDirectory(rm?.cdBefore ?? [], context)).toEqual({
      ok: false,
      reason: 'cd $X: $X is only known at run time',
    });
  });

  it('uses known variables', () => {
    const [, rm] = commandsOf('cd "$X" && rm y');
    expect(resolveWorkingDirectory(rm?.cdBefore ?? [], { ...context, env: { X: '/x' } })).toEqual({
      ok: true,
      path: '/x',
    });
  });

  it('needs a previous directory for cd -', () => {
    const [, rm] = commandsOf('cd - && rm y');
    expect(resolveWorkingDirectory(rm?.cdBefore ?? [], { cwd: '/a', home: '/h' }).ok).toBe(false);
  });
});
