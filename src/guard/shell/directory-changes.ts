import { expandPath, type PathContext } from './expand-path.js';
import type { DirectoryChange, Word } from './types.js';

const CD_FLAGS = new Set(['-L', '-P', '-e', '-@', '-LP', '-PL', '-Pe']);

/** The directory change a `cd`, `pushd` or `popd` command line makes; null for any other command. */
export function directoryChangeOf(name: string, argv: readonly Word[]): DirectoryChange | null {
  if (name !== 'cd' && name !== 'pushd' && name !== 'popd') return null;
  let i = 1;
  while (i < argv.length && CD_FLAGS.has((argv[i] as Word).text)) i++;
  if (argv[i]?.text === '--') i++;
  if (name === 'pushd' && argv[i]?.text === '-n') i++;
  const target = argv[i];
  if (name === 'popd') {
    return target
      ? { kind: 'unknown', command: name, reason: 'popd with an argument' }
      : { kind: 'pop', command: name };
  }
  if (!target) {
    return name === 'cd'
      ? { kind: 'home', command: name }
      : { kind: 'unknown', command: name, reason: 'pushd without a directory swaps the stack' };
  }
  if (target.text === '-' && !target.dynamic) return { kind: 'previous', command: name };
  if (name === 'pushd' && /^[+-]\d+$/.test(target.text)) {
    return { kind: 'unknown', command: name, reason: 'pushd rotates the stack' };
  }
  return { kind: 'dir', command: name, target };
}

export type WorkingDirectory = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Applies a command's `cdBefore` to the directory the call started in. Fails, with the
 * reason, when a step cannot be followed (a dynamic target, an unknown change, `cd -`
 * without a known previous directory).
 */
export function resolveWorkingDirectory(
  changes: readonly DirectoryChange[],
  context: PathContext,
): WorkingDirectory {
  let current = context.cwd;
  let previous = context.env?.OLDPWD;
  const stack: string[] = [];
  for (const change of changes) {
    let next: string;
    switch (change.kind) {
      case 'dir': {
        const target = expandPath(change.target, { ...context, cwd: current });
        if (!target.ok)
          return { ok: false, reason: `${change.command} ${change.target.text}: ${target.reason}` };
        if (target.pattern)
          return { ok: false, reason: `${change.command} ${change.target.text}: a pattern` };
        if (change.command === 'pushd') stack.push(current);
        next = target.path;
        break;
      }
      case 'home':
        next = context.home;
        break;
      case 'previous':
        if (previous === undefined)
          return { ok: false, reason: 'cd -: the previous directory is not known' };
        next = previous;
        break;
      case 'pop': {
        const popped = stack.pop();
        if (popped === undefined)
          return { ok: false, reason: 'popd: the directory stack is not known' };
        next = popped;
        break;
      }
      case 'unknown':
        return { ok: false, reason: `${change.command}: ${change.reason}` };
    }
    previous = current;
    current = next;
  }
  return { ok: true, path: current };
}
