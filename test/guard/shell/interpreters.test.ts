import { describe, expect, it } from 'vitest';
import { findShellCalls } from '../../../src/guard/shell/index.js';
import { commandsOf } from './parse-helpers.js';

function inlineOf(source: string) {
  return commandsOf(source)[0]?.inlineScript ?? null;
}

describe('interpreter one-liners', () => {
  it.each([
    ["python3 -c 'print(1)'", 'python', 'print(1)'],
    ["python -u -c 'print(1)' arg", 'python', 'print(1)'],
    ["python3.12 -Bc 'print(1)'", 'python', 'print(1)'],
    ["python3 -W ignore -c 'x'", 'python', 'x'],
    ["pypy3 -c 'x'", 'python', 'x'],
    ["node -e 'console.log(1)'", 'node', 'console.log(1)'],
    ["node --eval 'x'", 'node', 'x'],
    ["node --eval='x'", 'node', 'x'],
    ["node -p '1+1'", 'node', '1+1'],
    ["node -pe '1+1'", 'node', '1+1'],
    ["node -r dotenv/config -e 'x'", 'node', 'x'],
    ["bun -e 'x'", 'node', 'x'],
    ["deno eval 'x'", 'node', 'x'],
    ["perl -e 'print 1'", 'perl', 'print 1'],
    ["perl -E 'say 1'", 'perl', 'say 1'],
    ["perl -ne 'print' file", 'perl', 'print'],
    ["perl -i.bak -pe 's/a/b/' f", 'perl', 's/a/b/'],
    ["perl -e 'a' -e 'b'", 'perl', 'a\nb'],
    ["ruby -e 'puts 1'", 'ruby', 'puts 1'],
    ["ruby -rjson -e 'x'", 'ruby', 'x'],
    ["php -r 'echo 1;'", 'php', 'echo 1;'],
    ['python3 -c "$CODE"', 'python', '$CODE'],
  ])('%s', (source, language, code) => {
    expect(inlineOf(source)).toEqual(
      expect.objectContaining({ language, code, origin: 'argument' }),
    );
  });

  it.each([
    'python3 script.py',
    'python3 -m http.server',
    'node app.js',
    'perl script.pl',
    'php -f x.php',
    'ruby',
    'ls -c x',
  ])('%s has no inline script', (source) => {
    expect(inlineOf(source)).toBeNull();
  });

  it.each([
    ['python3 - <<EOF\nimport os\nEOF', 'python', 'heredoc', 'import os\n'],
    ["python3 <<'PY'\nprint(1)\nPY", 'python', 'heredoc', 'print(1)\n'],
    ['node <<< "console.log(1)"', 'node', 'here-string', 'console.log(1)'],
    ["perl - <<'X'\nprint 1;\nX", 'perl', 'heredoc', 'print 1;\n'],
  ])('reads code from standard input: %j', (source, language, origin, code) => {
    expect(inlineOf(source)).toEqual(expect.objectContaining({ language, origin, code }));
  });

  it('reads code echoed into an interpreter', () => {
    const [, python, rm] = commandsOf(`echo 'import os; os.system("rm -rf /")' | python3`);
    expect(python?.inlineScript).toEqual(
      expect.objectContaining({ language: 'python', origin: 'pipe' }),
    );
    expect(rm?.via.map((via) => via.kind)).toEqual(['interpreter']);
  });

  it('marks code with shell expansions as dynamic', () => {
    expect(inlineOf('python3 -c "print($N)"')?.dynamic).toBe(true);
    expect(inlineOf("python3 -c 'print($N)'")?.dynamic).toBe(false);
  });
});

describe('shell commands inside interpreter code', () => {
  it.each([
    ['python3 -c \'import os; os.system("rm -rf /")\'', 'os.system', 'rm -rf /'],
    [
      'python3 -c \'import subprocess; subprocess.run("rm -rf /", shell=True)\'',
      'subprocess.run',
      'rm -rf /',
    ],
    [
      'python3 -c \'import subprocess as s; subprocess.check_call(["rm", "-rf", "/"])\'',
      'subprocess.check_call',
      'rm -rf /',
    ],
    [
      'python3 -c \'from subprocess import Popen; Popen("rm -rf /", shell=True)\'',
      'Popen',
      'rm -rf /',
    ],
    ['python3 -c \'import os; os.popen(r"rm -rf /")\'', 'os.popen', 'rm -rf /'],
    ['node -e \'require("child_process").execSync("rm -rf /")\'', 'execSync', 'rm -rf /'],
    ['node -e \'const cp = require("child_process"); cp.exec(`rm -rf /`)\'', 'cp.exec', 'rm -rf /'],
    [
      'node -e \'require("child_process").spawnSync("sh", ["-c", "rm -rf /"])\'',
      'spawnSync',
      "sh -c 'rm -rf /'",
    ],
    ['perl -e \'system("rm -rf /")\'', 'system', 'rm -rf /'],
    ['perl -e \'system "rm", "-rf", "/"\'', 'system', 'rm -rf /'],
    ["perl -e 'print `rm -rf /`'", '`', 'rm -rf /'],
    ["perl -e 'qx{rm -rf /}'", 'qx', 'rm -rf /'],
    ['ruby -e \'system("rm -rf /")\'', 'system', 'rm -rf /'],
    ["ruby -e '%x(rm -rf /)'", '%x', 'rm -rf /'],
    ['php -r \'shell_exec("rm -rf /");\'', 'shell_exec', 'rm -rf /'],
    ["php -r 'echo `rm -rf /`;'", '`', 'rm -rf /'],
  ])('%s', (source, callee, command) => {
    const [outer, ...nested] = commandsOf(source);
    expect(outer?.inlineScript?.shellCalls).toContainEqual({ callee, command });
    const rm = nested.find((inner) => inner.name?.text === 'rm');
    expect(rm?.argv.map((word) => word.text)).toEqual(['rm', '-rf', '/']);
    expect(rm?.via.some((via) => via.kind === 'interpreter')).toBe(true);
  });

  it('parses code fed by a heredoc', () => {
    const commands = commandsOf("python3 - <<'EOF'\nimport os\nos.system('curl x | sh')\nEOF");
    expect(commands.map((command) => command.name?.text)).toEqual(['python3', 'curl', 'sh']);
    expect(commands[2]?.pipeline).toEqual(expect.objectContaining({ index: 1, length: 2 }));
  });

  it('reports calls that build their command at run time without parsing them', () => {
    const commands = commandsOf(`python3 -c 'import os; os.system(f"rm -rf {d}"); os.system(cmd)'`);
    expect(commands).toHaveLength(1);
    expect(commands[0]?.inlineScript?.shellCalls).toEqual([
      { callee: 'os.system', command: null },
      { callee: 'os.system', command: null },
    ]);
  });

  it.each([
    ['python', '# os.system("rm -rf /")\nprint("os.system(\'rm\')")'],
    ['python', 'def run(self):\n    return call(x)'],
    ['python', 'asyncio.run(main())'],
    ['node', '// execSync("rm -rf /")\nconsole.log("execSync(\'rm\')")'],
    ['node', '/* exec("rm") */ const exec = 1'],
    ['perl', '# system("rm -rf /")\nprint "system(\'rm\')"'],
    ['ruby', '# system("rm -rf /")\nputs "system"'],
    ['php', '// system("rm")\necho "system";'],
  ] as const)('ignores comments, strings and unrelated calls in %s: %j', (language, code) => {
    expect(findShellCalls(language, code)).toEqual([]);
  });

  it('keeps the string of a perl interpolating call unparsed', () => {
    expect(findShellCalls('perl', 'system("rm -rf $dir")')).toEqual([
      { callee: 'system', command: null },
    ]);
    expect(findShellCalls('ruby', 'system("rm -rf #{dir}")')).toEqual([
      { callee: 'system', command: null },
    ]);
    expect(findShellCalls('node', `execSync(\`rm -rf \${dir}\`)`)).toEqual([
      { callee: 'execSync', command: null },
    ]);
  });

  it('decodes escapes in code strings', () => {
    expect(findShellCalls('python', 'os.system("echo \\"a\\" \\\\ b\\n")')).toEqual([
      { callee: 'os.system', command: 'echo "a" \\ b\n' },
    ]);
    expect(findShellCalls('python', "os.system('a' 'b')")).toEqual([
      { callee: 'os.system', command: 'ab' },
    ]);
    expect(findShellCalls('node', "execSync('a' + 'b')")).toEqual([
      { callee: 'execSync', command: 'ab' },
    ]);
  });
});
