import type { Access } from '../rules/rule-types.js';

/** Which arguments of a command are paths, and how the command uses them. */
export type PathRole =
  | 'all'
  /** Something below each argument: what find visits. */
  | 'below'
  | 'last'
  | 'allButLast'
  | 'fromSecond'
  | 'first'
  | { operand: string };

export interface PathUse {
  access: Access;
  args: PathRole;
  /** Only when one of these flags is present (sed -i). */
  when?: readonly string[];
  /** Not when one of these flags is present. */
  unless?: readonly string[];
}

/** Where a command takes code to run from. */
export interface ScriptSource {
  language: string;
  options?: readonly string[];
  /** Positional arguments from this index on are code (sqlite3 DB "SQL"). */
  positionalFrom?: number;
  /** A heredoc or here-string fed to standard input is code (psql <<EOF). */
  stdin?: boolean;
}

/** What the guard knows of a command's syntax and effects; commands not listed get defaults. */
export interface CommandSpec {
  /** Options that take the next word as their value. */
  valued?: readonly string[];
  /** Options before the subcommand that take a value (git -C, kubectl -n). */
  globalValued?: readonly string[];
  /** The first positional is a subcommand; options before it are global. */
  subcommands?: boolean;
  /** Single-dash options are whole words (find -delete, terraform -auto-approve). */
  singleDashWords?: boolean;
  /** Positionals end at the first option-like word (find's expression). */
  positionalsBeforeOptions?: boolean;
  paths?: readonly PathUse[];
  /** Options whose value is a path: curl -o (write), curl -T (read). */
  pathOptions?: Readonly<Record<string, Access>>;
  script?: ScriptSource;
  /** Interpreters: read their program from stdin unless given a script or one of these. */
  programOptions?: readonly string[];
  /** Downloaders: options naming the file they write. */
  downloadOptions?: readonly string[];
}

const READS_ALL: readonly PathUse[] = [{ access: 'read', args: 'all' }];
const DELETES_ALL: readonly PathUse[] = [{ access: 'delete', args: 'all' }];
const WRITES_ALL: readonly PathUse[] = [{ access: 'write', args: 'all' }];
const COPIES: readonly PathUse[] = [
  { access: 'read', args: 'allButLast' },
  { access: 'write', args: 'last' },
];
const CHANGES_MODE: readonly PathUse[] = [{ access: 'write', args: 'fromSecond' }];

/** find tests that narrow what it visits; without any, `find DIR -delete` deletes DIR whole. */
const FIND_TESTS = [
  '-name',
  '-iname',
  '-path',
  '-ipath',
  '-wholename',
  '-regex',
  '-iregex',
  '-type',
  '-mtime',
  '-mmin',
  '-atime',
  '-amin',
  '-ctime',
  '-cmin',
  '-newer',
  '-size',
  '-empty',
  '-user',
  '-group',
  '-perm',
  '-links',
  '-inum',
  '-samefile',
];

const SHELL: CommandSpec = {
  valued: ['-o', '+o', '-O', '+O'],
  programOptions: ['-c'],
};
const PYTHON: CommandSpec = {
  valued: ['-c', '-W', '-X', '-Q'],
  programOptions: ['-c', '-m'],
  script: { language: 'python', options: ['-c'] },
};
const NODE: CommandSpec = {
  valued: ['-e', '--eval', '-p', '--print', '-r', '--require', '--import', '--loader'],
  programOptions: ['-e', '--eval', '-p', '--print'],
  script: { language: 'node', options: ['-e', '--eval', '-p', '--print'] },
};
const PERL: CommandSpec = {
  valued: ['-e', '-E', '-I', '-M'],
  programOptions: ['-e', '-E'],
  script: { language: 'perl', options: ['-e', '-E'] },
  paths: [{ access: 'write', args: 'all', when: ['-i', '-pi', '-pie'] }],
};
const RUBY: CommandSpec = {
  valued: ['-e', '-I', '-r'],
  programOptions: ['-e'],
  script: { language: 'ruby', options: ['-e'] },
};
const PSQL: CommandSpec = {
  valued: [
    '-c',
    '--command',
    '-d',
    '--dbname',
    '-h',
    '--host',
    '-p',
    '--port',
    '-U',
    '--username',
    '-f',
    '--file',
    '-v',
    '--set',
    '-o',
    '--output',
  ],
  script: { language: 'sql', options: ['-c', '--command'], stdin: true },
};
const MYSQL: CommandSpec = {
  valued: [
    '-e',
    '--execute',
    '-h',
    '--host',
    '-P',
    '--port',
    '-u',
    '--user',
    '-D',
    '--database',
    '-S',
    '--socket',
  ],
  script: { language: 'sql', options: ['-e', '--execute'], stdin: true },
};
const MONGO: CommandSpec = {
  valued: [
    '--eval',
    '--host',
    '--port',
    '-u',
    '--username',
    '-p',
    '--password',
    '--authenticationDatabase',
  ],
  script: { language: 'mongo', options: ['--eval'], stdin: true },
};
const DOCKER: CommandSpec = {
  subcommands: true,
  globalValued: [
    '--context',
    '-c',
    '-H',
    '--host',
    '--config',
    '-l',
    '--log-level',
    '--tlscacert',
    '--tlscert',
    '--tlskey',
  ],
  valued: [
    '--filter',
    '--format',
    '-t',
    '--tag',
    '-e',
    '--env',
    '-v',
    '--volume',
    '-p',
    '--publish',
    '--name',
    '-w',
    '--workdir',
    '-u',
    '--user',
    '--network',
    '--entrypoint',
    '--platform',
    '--file',
    '--project-name',
    '--profile',
  ],
};
/** kubectl's options that take a value, wherever they stand. */
const KUBECTL_VALUED_OPTIONS = [
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '--cluster',
  '--user',
  '-s',
  '--server',
  '--token',
  '-v',
  '--as',
  '-l',
  '--selector',
  '-o',
  '--output',
  '-f',
  '--filename',
  '-c',
  '--container',
];
const KUBECTL: CommandSpec = {
  subcommands: true,
  globalValued: KUBECTL_VALUED_OPTIONS,
  valued: [
    ...KUBECTL_VALUED_OPTIONS,
    '--field-selector',
    '--grace-period',
    '--timeout',
    '-p',
    '--patch',
    '--type',
    '--replicas',
    '--image',
  ],
};
const CLOUD: CommandSpec = {
  subcommands: true,
  globalValued: [
    '--profile',
    '--region',
    '--endpoint-url',
    '--output',
    '--query',
    '--project',
    '--account',
    '--configuration',
    '--subscription',
    '-g',
    '--resource-group',
    '--zone',
    '--format',
  ],
  valued: [
    '--profile',
    '--region',
    '--endpoint-url',
    '--output',
    '--query',
    '--project',
    '--account',
    '--configuration',
    '--subscription',
    '-g',
    '--resource-group',
    '--zone',
    '--format',
    '--instance-ids',
    '--bucket',
    '--key',
    '-n',
    '--name',
  ],
};

const SPECS: Record<string, CommandSpec> = {
  rm: { paths: DELETES_ALL },
  unlink: { paths: DELETES_ALL },
  rmdir: { paths: DELETES_ALL },
  shred: { valued: ['-n', '--iterations', '-s', '--size'], paths: DELETES_ALL },
  srm: { paths: DELETES_ALL },
  mv: {
    valued: ['-t', '--target-directory', '-S', '--suffix'],
    paths: [
      { access: 'delete', args: 'allButLast' },
      { access: 'write', args: 'last' },
    ],
  },
  cp: { valued: ['-t', '--target-directory', '-S', '--suffix'], paths: COPIES },
  install: { valued: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t'], paths: COPIES },
  ln: { valued: ['-t', '--target-directory', '-S'], paths: [{ access: 'write', args: 'last' }] },
  rsync: { valued: ['-e', '--rsh', '--exclude', '--include', '--filter', '-f'], paths: COPIES },
  scp: { valued: ['-i', '-P', '-o', '-F', '-J', '-l', '-c', '-S'], paths: COPIES },
  touch: { valued: ['-d', '--date', '-r', '--reference', '-t'], paths: WRITES_ALL },
  mkdir: { valued: ['-m', '--mode'], paths: WRITES_ALL },
  tee: { paths: WRITES_ALL },
  truncate: { valued: ['-s', '--size', '-r', '--reference'], paths: WRITES_ALL },
  chmod: { valued: ['--reference'], paths: CHANGES_MODE },
  chown: { valued: ['--reference', '--from'], paths: CHANGES_MODE },
  chgrp: { valued: ['--reference'], paths: CHANGES_MODE },
  chattr: { paths: CHANGES_MODE },
  setfacl: { valued: ['-m', '-x', '-M', '-X'], paths: WRITES_ALL },
  sed: {
    valued: ['-e', '--expression', '-f', '--file', '-l'],
    paths: [{ access: 'write', args: 'fromSecond', when: ['-i', '--in-place'] }],
  },
  dd: {
    paths: [
      { access: 'read', args: { operand: 'if=' } },
      { access: 'write', args: { operand: 'of=' } },
    ],
  },
  cat: { paths: READS_ALL },
  tac: { paths: READS_ALL },
  less: { paths: READS_ALL },
  more: { paths: READS_ALL },
  bat: { paths: READS_ALL },
  nl: { paths: READS_ALL },
  head: { valued: ['-n', '-c', '--lines', '--bytes'], paths: READS_ALL },
  tail: { valued: ['-n', '-c', '--lines', '--bytes', '--pid', '-s'], paths: READS_ALL },
  base64: { valued: ['-w', '--wrap'], paths: READS_ALL },
  base32: { paths: READS_ALL },
  xxd: { valued: ['-c', '-g', '-l', '-s'], paths: READS_ALL },
  od: { valued: ['-A', '-t', '-N', '-j'], paths: READS_ALL },
  hexdump: { valued: ['-n', '-s', '-e'], paths: READS_ALL },
  strings: { valued: ['-n'], paths: READS_ALL },
  source: { paths: [{ access: 'read', args: 'first' }] },
  '.': { paths: [{ access: 'read', args: 'first' }] },
  grep: {
    valued: [
      '-e',
      '--regexp',
      '-f',
      '--file',
      '-A',
      '-B',
      '-C',
      '-m',
      '--max-count',
      '--include',
      '--exclude',
      '--exclude-dir',
    ],
    paths: [{ access: 'read', args: 'fromSecond' }],
  },
  egrep: {
    valued: ['-e', '-f', '-A', '-B', '-C', '-m'],
    paths: [{ access: 'read', args: 'fromSecond' }],
  },
  rg: {
    valued: ['-e', '--regexp', '-g', '--glob', '-t', '--type', '-T', '-A', '-B', '-C', '-m', '-f'],
    paths: [{ access: 'read', args: 'fromSecond' }],
  },
  zip: {
    valued: ['-x', '-i'],
    paths: [
      { access: 'write', args: 'first' },
      { access: 'read', args: 'fromSecond' },
    ],
  },
  tar: { valued: ['-f', '--file', '-C', '--directory', '-T', '--exclude'], paths: READS_ALL },
  find: {
    singleDashWords: true,
    positionalsBeforeOptions: true,
    valued: [
      '-name',
      '-iname',
      '-path',
      '-ipath',
      '-regex',
      '-iregex',
      '-type',
      '-maxdepth',
      '-mindepth',
      '-mtime',
      '-mmin',
      '-atime',
      '-ctime',
      '-newer',
      '-size',
      '-user',
      '-group',
      '-perm',
      '-printf',
      '-fprint',
      '-wholename',
    ],
    paths: [
      { access: 'read', args: 'all' },
      { access: 'delete', args: 'below', when: ['-delete'] },
      { access: 'delete', args: 'all', when: ['-delete'], unless: FIND_TESTS },
    ],
  },
  curl: {
    valued: [
      '-o',
      '--output',
      '-T',
      '--upload-file',
      '-d',
      '--data',
      '--data-binary',
      '--data-raw',
      '--data-urlencode',
      '-F',
      '--form',
      '-H',
      '--header',
      '-X',
      '--request',
      '-u',
      '--user',
      '-K',
      '--config',
      '-A',
      '--user-agent',
      '-e',
      '--referer',
      '-b',
      '--cookie',
      '-c',
      '--cookie-jar',
      '-w',
      '--write-out',
      '--connect-timeout',
      '-m',
      '--max-time',
      '--retry',
      '-x',
      '--proxy',
      '--cacert',
      '--cert',
      '--key',
      '-r',
      '--range',
    ],
    pathOptions: {
      '-o': 'write',
      '--output': 'write',
      '-T': 'read',
      '--upload-file': 'read',
      '-K': 'read',
      '--config': 'read',
      '-c': 'write',
      '--cookie-jar': 'write',
    },
    downloadOptions: ['-o', '--output'],
  },
  wget: {
    valued: [
      '-O',
      '--output-document',
      '-P',
      '--directory-prefix',
      '-o',
      '--output-file',
      '--post-file',
      '--header',
      '-U',
      '--user-agent',
      '-t',
      '--tries',
      '-T',
      '--timeout',
      '--user',
      '--password',
    ],
    pathOptions: { '-O': 'write', '--output-document': 'write', '--post-file': 'read' },
    downloadOptions: ['-O', '--output-document'],
  },
  sh: SHELL,
  bash: SHELL,
  zsh: SHELL,
  dash: SHELL,
  ksh: SHELL,
  fish: { programOptions: ['-c', '--command'] },
  python: PYTHON,
  python2: PYTHON,
  python3: PYTHON,
  pypy: PYTHON,
  pypy3: PYTHON,
  node: NODE,
  nodejs: NODE,
  bun: { valued: ['-e', '--eval'], script: { language: 'node', options: ['-e', '--eval'] } },

  perl: PERL,
  ruby: RUBY,
  php: { valued: ['-r'], programOptions: ['-r'], script: { language: 'php', options: ['-r'] } },
  psql: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite3: {
    valued: ['-cmd', '-separator'],
    // the database file is opened for writing
    paths: [{ access: 'write', args: 'first' }],
    script: { language: 'sql', positionalFrom: 1, stdin: true },
  },
  duckdb: {
    valued: ['-c', '-s'],
    script: { language: 'sql', options: ['-c', '-s'], positionalFrom: 1, stdin: true },
  },
  'clickhouse-client': {
    valued: ['-q', '--query', '-h', '--host', '--port', '-u', '--user', '-d', '--database'],
    script: { language: 'sql', options: ['-q', '--query'], stdin: true },
  },
  mongo: MONGO,
  mongosh: MONGO,
  'redis-cli': { valued: ['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s', '-r', '-i'] },
  git: {
    subcommands: true,
    globalValued: [
      '-C',
      '-c',
      '--git-dir',
      '--work-tree',
      '--namespace',
      '--exec-path',
      '--config-env',
      '--super-prefix',
    ],
    valued: [
      '-m',
      '--message',
      '-F',
      '--file',
      '-o',
      '--push-option',
      '--repo',
      '--receive-pack',
      '--exec',
      '-b',
      '-B',
      '-e',
      '--exclude',
      '-X',
      '--strategy-option',
      '-s',
      '--strategy',
      '--expire',
      '--expire-unreachable',
      '--prune',
      '--author',
      '--date',
      '--format',
      '--pretty',
      '-n',
      '--max-count',
      '--since',
      '--until',
      '--grep',
      '--index-filter',
      '--tree-filter',
      '--msg-filter',
      '--env-filter',
      '--commit-filter',
      '--subdirectory-filter',
    ],
  },
  docker: DOCKER,
  podman: DOCKER,
  'docker-compose': DOCKER,
  kubectl: KUBECTL,
  oc: KUBECTL,
  helm: {
    subcommands: true,
    globalValued: ['-n', '--namespace', '--kube-context', '--kubeconfig'],
    valued: [
      '-n',
      '--namespace',
      '--kube-context',
      '--kubeconfig',
      '-f',
      '--values',
      '--set',
      '--version',
      '--timeout',
    ],
  },
  terraform: {
    subcommands: true,
    singleDashWords: true,
    globalValued: [],
    valued: ['-var', '-var-file', '-target', '-out', '-state', '-lock-timeout', '-parallelism'],
  },
  tofu: {
    subcommands: true,
    singleDashWords: true,
    valued: ['-var', '-var-file', '-target', '-out'],
  },
  pulumi: { subcommands: true, valued: ['-s', '--stack', '-C', '--cwd', '--target'] },
  aws: CLOUD,
  gcloud: CLOUD,
  gsutil: { subcommands: true, valued: ['-o', '-h', '-p'] },
  az: CLOUD,
  npm: {
    subcommands: true,
    globalValued: ['--registry', '--prefix', '-w', '--workspace', '--userconfig'],
    valued: ['--registry', '--tag', '--access', '--otp', '-w', '--workspace', '--prefix'],
  },
  pnpm: {
    subcommands: true,
    globalValued: ['-C', '--dir', '--filter', '-F'],
    valued: ['--registry', '--tag', '--access', '--otp', '--filter', '-F'],
  },
  yarn: {
    subcommands: true,
    globalValued: ['--cwd'],
    valued: ['--registry', '--tag', '--access', '--otp'],
  },
  cargo: {
    subcommands: true,
    globalValued: ['-C', '--config', '-Z'],
    valued: ['--registry', '--token', '-p', '--package', '--manifest-path', '--index'],
  },
  twine: {
    subcommands: true,
    valued: ['-r', '--repository', '--repository-url', '-u', '--username', '-p', '--password'],
  },
  gem: { subcommands: true, valued: ['--host', '-k', '--key', '--otp'] },
  gh: {
    subcommands: true,
    globalValued: ['-R', '--repo'],
    valued: [
      '-R',
      '--repo',
      '-t',
      '--title',
      '-n',
      '--notes',
      '-F',
      '--notes-file',
      '-b',
      '--body',
      '--target',
    ],
  },
  systemctl: {
    subcommands: true,
    globalValued: ['-H', '--host', '-M', '--machine', '-t', '--type', '-p', '--property'],
  },
  service: {},
  crontab: { valued: ['-u'] },
  iptables: {
    valued: [
      '-t',
      '--table',
      '-A',
      '--append',
      '-I',
      '-D',
      '-j',
      '-p',
      '-s',
      '-d',
      '--dport',
      '--sport',
      '-i',
      '-o',
      '-P',
      '--policy',
      '-N',
      '-X',
    ],
  },
  useradd: { valued: ['-d', '-g', '-G', '-s', '-u', '-c', '-e', '-k', '-p'] },
  usermod: { valued: ['-d', '-g', '-G', '-s', '-u', '-c', '-e', '-l', '-p'] },
  sysctl: {},
  mkfs: {},
};

const EMPTY: CommandSpec = {};

/** mkfs.ext4 and friends share mkfs's entry. */
export function commandSpec(name: string): CommandSpec {
  return SPECS[name] ?? (name.startsWith('mkfs.') ? (SPECS.mkfs as CommandSpec) : EMPTY);
}
