import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/guard/shell/index.js';
import { commandsOf } from './parse-helpers.js';

function nestedSummary(source: string, maxDepth?: number) {
  return commandsOf(source, maxDepth).map((command) => [
    command.argv.map((word) => word.text).join(' '),
    command.via.map((via) => via.kind).join('>'),
    command.depth,
  ]);
}

describe('nested shells', () => {
  it.each([
    ["bash -c 'rm -rf /'", 'bash -c'],
    ['sh -c "rm -rf /"', 'sh -c'],
    ["zsh -c 'rm -rf /'", 'zsh -c'],
    ["dash -c 'rm -rf /'", 'dash -c'],
    ["bash -lc 'rm -rf /'", 'bash -lc'],
    ["bash -e -o pipefail -c 'rm -rf /' name arg", 'bash -e -o pipefail -c'],
    ["/bin/bash --norc -c 'rm -rf /'", '/bin/bash --norc -c'],
    ["bash -xec 'rm -rf /'", 'bash -xec'],
  ])('%s', (source, viaText) => {
    const [outer, inner] = commandsOf(source);
    expect(outer?.argv.length).toBeGreaterThan(2);
    expect(inner?.argv.map((word) => word.text)).toEqual(['rm', '-rf', '/']);
    expect(inner?.via).toEqual([{ kind: 'shell-c', text: viaText }]);
    expect(inner?.depth).toBe(1);
  });

  it('parses a literal script in place, so offsets point into the input', () => {
    const source = "bash -c 'cd /tmp && rm -rf x'";
    const parsed = parseShell(source);
    if (!parsed.ok) expect.fail(parsed.error.message);
    const rm = parsed.commands.find((command) => command.name?.text === 'rm');
    expect(rm?.script).toBe(0);
    expect(source.slice(rm?.start, rm?.end)).toBe('rm -rf x');
    expect(parsed.scripts).toEqual([source]);
  });

  it('gives a script with escapes its own text', () => {
    const parsed = parseShell('bash -c "echo \\"a b\\" && rm x"');
    if (!parsed.ok) expect.fail(parsed.error.message);
    const rm = parsed.commands.find((command) => command.name?.text === 'rm');
    expect(rm?.script).toBe(1);
    expect(parsed.scripts[1]).toBe('echo "a b" && rm x');
    expect(parsed.scripts[1]?.slice(rm?.start, rm?.end)).toBe('rm x');
  });

  it.each([
    ['bash script.sh', []],
    ['bash -c', []],
    ['bash', []],
    ['bash -x ./deploy.sh --prod', []],
  ])('%s runs no inline script', (source, nested) => {
    expect(commandsOf(source).slice(1)).toEqual(nested);
  });

  it.each([
    [
      "eval 'rm -rf /'",
      [
        ['eval rm -rf /', '', 0],
        ['rm -rf /', 'eval', 1],
      ],
    ],
    [
      'eval rm -rf "$DIR"',
      [
        ['eval rm -rf $DIR', '', 0],
        ['rm -rf $DIR', 'eval', 1],
      ],
    ],
    [
      'eval "$(ssh-agent -s)"',
      [
        ['eval $(ssh-agent -s)', '', 0],
        ['$(ssh-agent -s)', 'eval', 1],
        ['ssh-agent -s', 'eval>substitution', 1],
        ['ssh-agent -s', 'substitution', 0],
      ],
    ],
  ])('%s', (source, expected) => {
    expect(nestedSummary(source)).toEqual(expected);
  });

  it.each([
    ['bash <<EOF\nrm -rf /\nEOF', 'bash <<EOF'],
    ["sh <<'X'\nrm -rf /\nX", 'sh <<X'],
    ['bash -s <<EOF\nrm -rf /\nEOF', 'bash -s <<EOF'],
    ['sh <<< "rm -rf /"', 'sh <<<'],
    ['sudo bash <<EOF\nrm -rf /\nEOF', 'bash <<EOF'],
  ])('a heredoc or here-string fed to a shell: %j', (source, viaText) => {
    const rm = commandsOf(source).find((command) => command.name?.text === 'rm');
    expect(rm?.argv.map((word) => word.text)).toEqual(['rm', '-rf', '/']);
    expect(rm?.via.at(-1)).toEqual({ kind: 'heredoc-shell', text: viaText });
    expect(rm?.elevated).toBe(source.startsWith('sudo'));
  });

  it.each([
    ["echo 'rm -rf /' | sh", [['rm -rf /', 'piped-script: echo | sh']]],
    ['echo rm -rf / | sudo bash -s', [['rm -rf /', 'sudo: sudo,piped-script: echo | bash -s']]],
    [
      "printf 'cd /tmp\\nrm -rf x\\n' | bash",
      [
        ['cd /tmp', 'piped-script: printf | bash'],
        ['rm -rf x', 'piped-script: printf | bash'],
      ],
    ],
    [
      "echo -e 'ls\\nrm x' | sh",
      [
        ['ls', 'piped-script: echo | sh'],
        ['rm x', 'piped-script: echo | sh'],
      ],
    ],
    ["echo 'rm x' | bash <<EOF\nls\nEOF", [['ls', 'heredoc-shell: bash <<EOF']]],
    ['echo "rm x" | bash deploy.sh', []],
    ['echo "rm x" | cat | sh', []],
    ['echo "rm x" | grep rm', []],
  ])('text echoed into a shell: %j', (source, nested) => {
    const commands = commandsOf(source).filter((command) => command.depth > 0);
    expect(
      commands.map((command) => [
        command.argv.map((word) => word.text).join(' '),
        command.via.map((via) => `${via.kind}: ${via.text}`).join(','),
      ]),
    ).toEqual(nested);
  });

  it('does not treat a heredoc fed to a shell reading a file as its script', () => {
    expect(nestedSummary('bash deploy.sh <<EOF\nrm -rf /\nEOF')).toEqual([
      ['bash deploy.sh', '', 0],
    ]);
  });

  it('carries context into nested scripts', () => {
    const commands = commandsOf("cd /srv && sudo bash -c 'rm -rf data' > log &");
    const rm = commands.find((command) => command.name?.text === 'rm');
    expect(rm).toEqual(
      expect.objectContaining({
        elevated: true,
        background: true,
        via: [
          { kind: 'sudo', text: 'sudo' },
          { kind: 'shell-c', text: 'bash -c' },
        ],
      }),
    );
    expect(
      rm?.cdBefore.map((change) => (change.kind === 'dir' ? change.target.text : change.kind)),
    ).toEqual(['/srv']);
    expect(rm?.redirects).toEqual([expect.objectContaining({ op: '>', inherited: true })]);
  });

  it('follows shells three deep by default and refuses a fourth', () => {
    const three = `bash -c "sh -c 'zsh -c rm'"`;
    expect(nestedSummary(three).map(([, , depth]) => depth)).toEqual([0, 1, 2, 3]);
    const four = `bash -c "sh -c 'zsh -c \\"dash -c rm\\"'"`;
    const parsed = parseShell(four);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.error).toEqual(expect.objectContaining({ code: 'too_deep', offset: 8 }));
    expect(parseShell(four, { maxDepth: 4 }).ok).toBe(true);
  });

  it('honours a smaller depth limit', () => {
    expect(parseShell("bash -c 'ls'", { maxDepth: 0 })).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'too_deep', offset: 8 }),
    });
  });

  it('reports a syntax error inside a nested script at its word', () => {
    const parsed = parseShell(`ls; bash -c "echo \\"unterminated"`);
    expect(parsed).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unterminated_quote', offset: 12 }),
    });
  });

  it('reports a syntax error inside an in-place script at its exact offset', () => {
    const parsed = parseShell(`bash -c 'echo "x'`);
    expect(parsed).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unterminated_quote', offset: 14 }),
    });
  });
});
