import type { ParsedArgs } from './parse-args.js';

/** One destination of a `git push`, as far as the command line tells. */
export interface PushTarget {
  /** Destination branch (without refs/heads/); null when it is not on the command line. */
  branch: string | null;
  /** Every branch of the remote (--all, --mirror). */
  everyBranch: boolean;
  force: boolean;
  lease: boolean;
  delete: boolean;
  /** The refspec word, for evidence ('' when there is none). */
  word: string;
}

export interface PushAnalysis {
  targets: PushTarget[];
  mirror: boolean;
  /** The flags that shape the push (-f, --force-with-lease, --delete, --all …), for evidence. */
  flagWords: string[];
}

const FORCE = new Set(['-f', '--force']);
const LEASE = new Set(['--force-with-lease', '--force-if-includes']);
const DELETE = new Set(['-d', '--delete']);
const EVERY_BRANCH = new Set(['--all', '--branches', '--mirror']);

function branchOf(ref: string): string | null {
  const name = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
  return name === '' || name === 'HEAD' || name === '@' ? null : name;
}

/**
 * Reads the arguments after `push` (from `argsStart` on): `[remote] [[+]src[:dst]…]` with the
 * flags around them.
 */
export function analyzePush(args: ParsedArgs, argsStart: number): PushAnalysis {
  let force = false;
  let lease = false;
  let deleting = false;
  let everyBranch = false;
  const flagWords: string[] = [];
  for (const { name, word } of args.flags) {
    const shapes = [FORCE, LEASE, DELETE, EVERY_BRANCH].map((set) => set.has(name));
    if (!shapes.includes(true)) continue;
    force ||= shapes[0] === true;
    lease ||= shapes[1] === true;
    deleting ||= shapes[2] === true;
    everyBranch ||= shapes[3] === true;
    if (!flagWords.includes(word)) flagWords.push(word);
  }
  lease &&= !force;
  const mirror = args.flags.some((flag) => flag.name === '--mirror');
  const refspecs = args.positionals.slice(argsStart + 1);
  const base = { force, lease, delete: deleting, everyBranch: false };
  if (everyBranch) {
    return { mirror, flagWords, targets: [{ ...base, branch: null, everyBranch: true, word: '' }] };
  }
  if (refspecs.length === 0) {
    return { mirror, flagWords, targets: [{ ...base, branch: null, word: '' }] };
  }
  const targets = refspecs.map((spec): PushTarget => {
    const plus = spec.text.startsWith('+');
    const ref = plus ? spec.text.slice(1) : spec.text;
    const colon = ref.indexOf(':');
    const destination = colon === -1 ? ref : ref.slice(colon + 1);
    return {
      branch: spec.dynamic ? null : branchOf(destination),
      everyBranch: false,
      force: force || plus,
      lease: lease && !plus,
      delete: deleting || (colon === 0 && destination !== ''),
      word: spec.text,
    };
  });
  return { mirror, flagWords, targets };
}
