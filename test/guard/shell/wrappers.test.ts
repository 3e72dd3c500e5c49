import { describe, expect, it } from 'vitest';
import { commandsOf } from './parse-helpers.js';

function summary(source: string) {
  return commandsOf(source).map((command) => ({
    argv: command.argv.map((word) => word.text).join(' '),
    via: command.via.map((via) => `${via.kind}: ${via.text}`),
    elevated: command.elevated,
    extraArgs: command.extraArgs,
  }));
}

function innerOf(source: string) {
  const commands = commandsOf(source);
  return commands[commands.length - 1];
}

describe('wrappers are taken off so the real command is visible', () => {
  it.each([
    ['sudo rm -rf /', 'rm -rf /', ['sudo: sudo'], true],
    ['sudo -u postgres -E psql -c x', 'psql -c x', ['sudo: sudo -u postgres -E'], true],
    ['sudo --user=root -- rm x', 'rm x', ['sudo: sudo --user=root --'], true],
    ['sudo FOO=1 make install', 'make install', ['sudo: sudo FOO=1'], true],
    [
      '/usr/bin/sudo -n systemctl restart nginx',
      'systemctl restart nginx',
      ['sudo: /usr/bin/sudo -n'],
      true,
    ],
    ['doas -u root rm x', 'rm x', ['doas: doas -u root'], true],
    ['pkexec --user root rm x', 'rm x', ['pkexec: pkexec --user root'], true],
    [
      'env -i PATH=/bin FOO=bar node app.js',
      'node app.js',
      ['env: env -i PATH=/bin FOO=bar'],
      false,
    ],
    ['env -u HOME -- ls', 'ls', ['env: env -u HOME --'], false],
    ['nice -n 10 make', 'make', ['nice: nice -n 10'], false],
    ['nice -10 make', 'make', ['nice: nice -10'], false],
    ['ionice -c3 -n7 rsync a b', 'rsync a b', ['ionice: ionice -c3 -n7'], false],
    ['timeout 30 npm test', 'npm test', ['timeout: timeout 30'], false],
    [
      'timeout -s KILL --kill-after=5 10s make',
      'make',
      ['timeout: timeout -s KILL --kill-after=5 10s'],
      false,
    ],
    ['nohup node server.js', 'node server.js', ['nohup: nohup'], false],
    ['/usr/bin/time -v make', 'make', ['time: /usr/bin/time -v'], false],
    ['command rm x', 'rm x', ['command: command'], false],
    ['builtin cd /', 'cd /', ['builtin: builtin'], false],
    ['exec -a name node app.js', 'node app.js', ['exec: exec -a name'], false],
    ['stdbuf -oL -e0 tail -f log', 'tail -f log', ['stdbuf: stdbuf -oL -e0'], false],
    ['setsid -f daemon', 'daemon', ['setsid: setsid -f'], false],
    ['busybox rm -rf x', 'rm -rf x', ['busybox: busybox'], false],
    ['flock /tmp/lock make', 'make', ['flock: flock /tmp/lock'], false],
    ['watch -x -n 2 ls', 'ls', ['watch: watch -x -n 2'], false],
    [
      'sudo env FOO=1 nice -n 5 timeout 9 rm x',
      'rm x',
      ['sudo: sudo', 'env: env FOO=1', 'nice: nice -n 5', 'timeout: timeout 9'],
      true,
    ],
  ])('%s', (source, argv, via, elevated) => {
    expect(innerOf(source)).toEqual(expect.objectContaining({ argv: expect.anything(), elevated }));
    const [last] = summary(source).slice(-1);
    expect(last).toEqual(expect.objectContaining({ argv, via }));
  });

  it.each([
    ['sudo', 'sudo'],
    ['sudo -l', 'sudo -l'],
    ['sudo -v', 'sudo -v'],
    ['sudo -e /etc/hosts', 'sudo -e /etc/hosts'],
    ['sudo -i', 'sudo -i'],
    ['env', 'env'],
    ['command -v rm', 'command -v rm'],
    ['ionice -p 123', 'ionice -p 123'],
    ['exec 3>&1', 'exec'],
    ['nohup', 'nohup'],
    ['xargs', 'xargs'],
    ['flock 9', 'flock 9'],
  ])('%s runs no other command', (source, argv) => {
    const commands = summary(source);
    expect(commands).toHaveLength(1);
    expect(commands[0]?.argv).toBe(argv);
    expect(commands[0]?.via).toEqual([]);
  });

  it('records the time keyword on the first command of its pipeline', () => {
    expect(summary('time -p make | tee log').map((command) => [command.argv, command.via])).toEqual(
      [
        ['make', ['time: time']],
        ['tee log', []],
      ],
    );
  });

  it('marks the wrapper itself elevated', () => {
    expect(commandsOf('sudo -v')[0]?.elevated).toBe(true);
    expect(commandsOf('su')[0]?.elevated).toBe(true);
  });

  it('keeps the wrapper words for rendering', () => {
    const [command] = commandsOf('sudo -u root rm x');
    expect(command?.prefixWords.map((word) => word.text)).toEqual(['sudo', '-u', 'root']);
    expect(command?.name?.text).toBe('rm');
  });

  it('passes env and sudo assignments to the command', () => {
    const [command] = commandsOf('A=1 env B=2 sudo C=3 cmd');
    expect(command?.assignments.map((a) => [a.name, a.value?.text, a.fromWrapper])).toEqual([
      ['A', '1', false],
      ['B', '2', true],
      ['C', '3', true],
    ]);
  });

  it('records the directory sudo -D and env -C run in', () => {
    expect(commandsOf('sudo -D /srv rm -rf data')[0]?.cdBefore).toEqual([
      expect.objectContaining({
        kind: 'dir',
        command: 'sudo',
        target: expect.objectContaining({ text: '/srv' }),
      }),
    ]);
    expect(commandsOf('env --chdir=/tmp rm x')[0]?.cdBefore).toEqual([
      expect.objectContaining({
        kind: 'dir',
        command: 'env',
        target: expect.objectContaining({ text: '/tmp' }),
      }),
    ]);
  });

  it('stops at a dynamic command word', () => {
    const [command] = commandsOf('sudo $CMD -rf /');
    expect(command?.name?.text).toBe('$CMD');
    expect(command?.name?.dynamic).toBe(true);
  });
});

describe('wrappers that add arguments', () => {
  it.each([
    ['xargs rm -f', 'rm -f', 'xargs'],
    ['xargs -0 -n1 -P4 rm', 'rm', 'xargs -0 -n1 -P4'],
    ['xargs -I{} mv {} /tmp', 'mv {} /tmp', 'xargs -I{}'],
    ['xargs -I {} cp {} dst', 'cp {} dst', 'xargs -I {}'],
    ['xargs --max-args=2 -r echo', 'echo', 'xargs --max-args=2 -r'],
    ['xargs -i mv {} x', 'mv {} x', 'xargs -i'],
  ])('%s', (source, argv, wrapper) => {
    const [inner] = summary(source);
    expect(inner).toEqual({ argv, via: [`xargs: ${wrapper}`], elevated: false, extraArgs: true });
  });

  it('finds the command of find -exec and keeps find itself', () => {
    expect(summary('find . -name "*.tmp" -exec rm -f {} \\; -delete')).toEqual([
      {
        argv: 'find . -name *.tmp -exec rm -f {} ; -delete',
        via: [],
        elevated: false,
        extraArgs: false,
      },
      {
        argv: 'rm -f {}',
        via: ["find-exec: find . -name '*.tmp' -exec"],
        elevated: false,
        extraArgs: true,
      },
    ]);
  });

  it.each([
    ['find / -type f -exec chmod 777 {} +', ['chmod 777 {}']],
    ["find . -ok rm {} ';' -execdir touch {} \\;", ['rm {}', 'touch {}']],
    ['find . -exec sh -c "rm -rf $1" _ {} \\;', ['sh -c rm -rf $1 _ {}', 'rm -rf $1']],
    ['sudo find / -exec rm {} \\;', ['rm {}']],
  ])('%s', (source, inner) => {
    const commands = commandsOf(source).slice(1);
    expect(commands.map((command) => command.argv.map((word) => word.text).join(' '))).toEqual(
      inner,
    );
    if (source.startsWith('sudo')) expect(commands[0]?.elevated).toBe(true);
  });

  it('runs -execdir commands in an unknown directory', () => {
    const [, inner] = commandsOf('find . -execdir rm {} \\;');
    expect(inner?.cdBefore).toEqual([
      expect.objectContaining({ kind: 'unknown', command: 'find -execdir' }),
    ]);
  });
});

describe('wrappers that hand a string to a shell', () => {
  it.each([
    ["watch 'rm -rf /tmp/x'", 'watch', ['rm -rf /tmp/x']],
    ['watch -n 5 du -sh /var', 'watch', ['du -sh /var']],
    ["su -c 'systemctl stop x' root", 'su', ['systemctl stop x']],
    ["su - root -c 'rm x'", 'su', ['rm x']],
    ["flock -n /tmp/l -c 'make deploy'", 'flock', ['make deploy']],
    ["flock /tmp/l -c 'make deploy'", 'flock', ['make deploy']],
    ["env -S 'rm -rf x' y", 'env', ['rm -rf x y']],
    ["parallel -j4 'gzip {}' ::: a b", 'parallel', ['gzip {}']],
    ['parallel rm ::: a b', 'parallel', ['rm']],
  ])('%s', (source, wrapper, inner) => {
    const [outer, ...nested] = commandsOf(source);
    expect(outer?.name?.text).toBe(wrapper);
    expect(nested.map((command) => command.argv.map((word) => word.text).join(' '))).toEqual(inner);
    expect(
      nested.every(
        (command) => command.via.some((via) => via.kind === wrapper) && command.depth === 1,
      ),
    ).toBe(true);
  });

  it('elevates commands run by su', () => {
    const [, inner] = commandsOf("su -c 'rm -rf /'");
    expect(inner?.elevated).toBe(true);
  });

  it('marks parallel commands as taking extra arguments', () => {
    expect(commandsOf("parallel 'rm {}' ::: a")[1]?.extraArgs).toBe(true);
  });
});
