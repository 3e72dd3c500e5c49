import { isName } from './char-classes.js';
import {
  hasOption,
  type OptionGrammar,
  optionValue,
  type ScannedOptions,
  scanOptions,
  tailWord,
} from './option-scanner.js';
import type { Word, WrapperKind } from './types.js';

/** What a wrapper command at `words[at]` does with the rest of its words. */
export interface WrapperUse {
  kind: WrapperKind;
  /** Where the command it runs starts; null when it runs none from its words (it is then the command itself). */
  inner: number | null;
  /** Words whose texts, joined by spaces, form a shell script it runs (`watch 'cmd'`, `su -c 'cmd'`); null otherwise. */
  script: Word[] | null;
  /** Index of the first script word (the wrapper's own words end there). */
  scriptAt: number;
  elevated: boolean;
  /** It adds arguments only known at run time (xargs, parallel). */
  extraArgs: boolean;
  /** `NAME=value` words it passes into the environment. */
  env: Word[];
  /** A directory it runs the command in (`sudo -D`, `env -C`). */
  chdir: Word | null;
}

type WrapperReader = (words: readonly Word[], at: number) => WrapperUse;

/** The last path segment of a command name: `/usr/bin/sudo` → `sudo`. */
export function commandName(text: string): string {
  const slash = text.lastIndexOf('/');
  return slash === -1 ? text : text.slice(slash + 1);
}

/** A `NAME=value` word (unquoted name). */
export function isEnvAssignment(word: Word): boolean {
  const first = word.parts[0];
  if (first?.kind !== 'literal' || first.quoting !== 'none') return false;
  const equals = first.text.indexOf('=');
  return equals > 0 && isName(first.text.slice(0, equals));
}

function use(kind: WrapperKind, fields: Partial<WrapperUse>): WrapperUse {
  return {
    kind,
    inner: null,
    script: null,
    scriptAt: -1,
    elevated: false,
    extraArgs: false,
    env: [],
    chdir: null,
    ...fields,
  };
}

/** The command index `i` when a word is there, else null. */
function at(words: readonly Word[], i: number): number | null {
  return i < words.length ? i : null;
}

/** A wrapper whose options (per `grammar`) come before the command. */
function plain(
  kind: WrapperKind,
  grammar: OptionGrammar,
  noCommandWith: string[] = [],
): WrapperReader {
  return (words, start) => {
    const scanned = scanOptions(words, start + 1, grammar);
    const runsNone = noCommandWith.length > 0 && hasOption(scanned, ...noCommandWith);
    return use(kind, { inner: runsNone ? null : at(words, scanned.next) });
  };
}

/** The `NAME=value` words after the options, then the command. */
function envThenCommand(
  words: readonly Word[],
  from: number,
): { env: Word[]; inner: number | null } {
  const env: Word[] = [];
  let i = from;
  while (i < words.length && isEnvAssignment(words[i] as Word)) env.push(words[i++] as Word);
  return { env, inner: at(words, i) };
}

function script(
  kind: WrapperKind,
  words: Word[],
  scriptAt: number,
  fields: Partial<WrapperUse> = {},
): WrapperUse {
  return use(kind, { script: words.length > 0 ? words : null, scriptAt, ...fields });
}

const SUDO: OptionGrammar = {
  valued: 'ugpCDrtUTR',
  longValued: [
    '--user',
    '--group',
    '--prompt',
    '--close-from',
    '--chdir',
    '--role',
    '--type',
    '--other-user',
    '--command-timeout',
    '--chroot',
    '--host',
  ],
};

function sudo(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, SUDO);
  const runsNone = hasOption(
    scanned,
    '-e',
    '--edit',
    '-l',
    '--list',
    '-v',
    '--validate',
    '-V',
    '--version',
    '--help',
  );
  const { env, inner } = envThenCommand(words, scanned.next);
  return use('sudo', {
    inner: runsNone ? null : inner,
    elevated: true,
    env,
    chdir: optionValue(scanned, '-D', '--chdir'),
  });
}

function doas(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, { valued: 'uC' });
  return use('doas', {
    inner: hasOption(scanned, '-C') ? null : at(words, scanned.next),
    elevated: true,
  });
}

const pkexecOptions = plain('pkexec', { longValued: ['--user'] });

function pkexec(words: readonly Word[], start: number): WrapperUse {
  return { ...pkexecOptions(words, start), elevated: true };
}

/** su's options may follow the user (`su - root -c CMD`), so the whole line is searched for `-c`. */
function su(words: readonly Word[], start: number): WrapperUse {
  for (let i = start + 1; i < words.length; i++) {
    const text = (words[i] as Word).text;
    const attached = text.startsWith('--command=') ? tailWord(words[i] as Word, 10) : null;
    const command = attached ?? (text === '-c' || text === '--command' ? words[i + 1] : undefined);
    if (command) return script('su', [command], i, { elevated: true });
  }
  return use('su', { elevated: true });
}

function env(words: readonly Word[], start: number): WrapperUse {
  let from = start + 1;
  if (words[from]?.text === '-') from++;
  const scanned = scanOptions(words, from, {
    valued: 'uCSP',
    longValued: ['--unset', '--chdir', '--split-string'],
  });
  const split = optionValue(scanned, '-S', '--split-string');
  const chdir = optionValue(scanned, '-C', '--chdir');
  const assigned = envThenCommand(words, scanned.next);
  if (split) {
    const rest = assigned.inner === null ? [] : words.slice(assigned.inner);
    return script('env', [split, ...rest], words.indexOf(split), { env: assigned.env, chdir });
  }
  return use('env', { ...assigned, chdir });
}

function timeout(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, {
    valued: 'sk',
    longValued: ['--signal', '--kill-after'],
  });
  return use('timeout', { inner: at(words, scanned.next + 1) });
}

/** A wrapper without options of its own (`nohup`, `builtin`). */
function bare(kind: WrapperKind): WrapperReader {
  return (words, start) => {
    const next = words[start + 1]?.text === '--' ? start + 2 : start + 1;
    return use(kind, { inner: at(words, next) });
  };
}

function busybox(words: readonly Word[], start: number): WrapperUse {
  const next = words[start + 1];
  return use('busybox', { inner: next && !next.text.startsWith('-') ? start + 1 : null });
}

function xargs(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, {
    valued: 'aEdILnPs',
    attachedOnly: 'eil',
    longValued: [
      '--arg-file',
      '--delimiter',
      '--max-args',
      '--max-procs',
      '--max-chars',
      '--process-slot-var',
    ],
  });
  return use('xargs', { inner: at(words, scanned.next), extraArgs: true });
}

function watch(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, {
    valued: 'nq',
    attachedOnly: 'd',
    longValued: ['--interval'],
  });
  if (hasOption(scanned, '-x', '--exec')) return use('watch', { inner: at(words, scanned.next) });
  return script('watch', words.slice(scanned.next), scanned.next);
}

function flock(words: readonly Word[], start: number): WrapperUse {
  const grammar: OptionGrammar = {
    valued: 'wEc',
    longValued: ['--timeout', '--wait', '--conflict-exit-code', '--command'],
  };
  const before = scanOptions(words, start + 1, grammar);
  const lockAt = before.next;
  const after: ScannedOptions = scanOptions(words, lockAt + 1, grammar);
  const command = optionValue(before, '-c', '--command') ?? optionValue(after, '-c', '--command');
  if (command) return script('flock', [command], words.indexOf(command));
  return use('flock', { inner: at(words, after.next) });
}

const PARALLEL_SEPARATORS = new Set([':::', '::::', ':::+', '::::+']);

function parallel(words: readonly Word[], start: number): WrapperUse {
  const scanned = scanOptions(words, start + 1, {
    valued: 'jPSNnLIdCa',
    longValued: [
      '--jobs',
      '--arg-file',
      '--colsep',
      '--delimiter',
      '--max-args',
      '--sshlogin',
      '--joblog',
      '--results',
      '--workdir',
      '--replace',
    ],
  });
  let end = scanned.next;
  while (end < words.length && !PARALLEL_SEPARATORS.has((words[end] as Word).text)) end++;
  return script('parallel', words.slice(scanned.next, end), scanned.next, { extraArgs: true });
}

/** Wrappers by command name. */
export const WRAPPERS: ReadonlyMap<string, WrapperReader> = new Map<string, WrapperReader>([
  ['sudo', sudo],
  ['doas', doas],
  ['pkexec', pkexec],
  ['su', su],
  ['env', env],
  ['nice', plain('nice', { valued: 'n', longValued: ['--adjustment'] })],
  [
    'ionice',
    plain(
      'ionice',
      { valued: 'cnpPu', longValued: ['--class', '--classdata', '--pid', '--pgid', '--uid'] },
      ['-p', '-P', '-u', '--pid', '--pgid', '--uid'],
    ),
  ],
  ['timeout', timeout],
  ['nohup', bare('nohup')],
  ['time', plain('time', { valued: 'fo', longValued: ['--format', '--output'] })],
  ['command', plain('command', {}, ['-v', '-V'])],
  ['builtin', bare('builtin')],
  ['exec', plain('exec', { valued: 'a' })],
  ['stdbuf', plain('stdbuf', { valued: 'ioe', longValued: ['--input', '--output', '--error'] })],
  ['setsid', plain('setsid', {})],
  ['busybox', busybox],
  ['nocorrect', bare('nocorrect')],
  ['noglob', bare('noglob')],
  ['xargs', xargs],
  ['watch', watch],
  ['flock', flock],
  ['parallel', parallel],
]);
