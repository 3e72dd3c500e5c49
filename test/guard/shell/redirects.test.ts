import { describe, expect, it } from 'vitest';
import { argvLines, commandsOf, namesOf } from './parse-helpers.js';

function redirectsOf(source: string) {
  const [command] = commandsOf(source);
  return (command?.redirects ?? []).map((redirect) => [
    redirect.fd,
    redirect.op,
    redirect.target.text,
  ]);
}

describe('redirections', () => {
  it.each([
    ['cmd > out', [[null, '>', 'out']]],
    [
      'cmd >out 2>err',
      [
        [null, '>', 'out'],
        [2, '>', 'err'],
      ],
    ],
    ['cmd >> log', [[null, '>>', 'log']]],
    ['cmd >| file', [[null, '>|', 'file']]],
    ['cmd < in', [[null, '<', 'in']]],
    ['cmd <> rw', [[null, '<>', 'rw']]],
    ['cmd &> all', [[null, '&>', 'all']]],
    ['cmd &>> all', [[null, '&>>', 'all']]],
    ['cmd 2>&1', [[2, '>&', '1']]],
    ['cmd >&2', [[null, '>&', '2']]],
    ['cmd 3<&0', [[3, '<&', '0']]],
    ['cmd 2>&-', [[2, '>&', '-']]],
    ['cmd 10> /dev/sda', [[10, '>', '/dev/sda']]],
    ['cmd <<< "a b"', [[null, '<<<', 'a b']]],
    ['> out cmd arg', [[null, '>', 'out']]],
    ['cmd 2 > x', [[null, '>', 'x']]],
    ['cmd > "$HOME/x y"', [[null, '>', '$HOME/x y']]],
  ])('%s', (source, expected) => {
    expect(redirectsOf(source)).toEqual(expected);
  });

  it('keeps a number before a space as an argument', () => {
    expect(argvLines('echo 2 > x')).toEqual(['echo 2']);
  });

  it('gives compound redirections to every command inside, marked inherited', () => {
    const commands = commandsOf('{ a; b > own; } > /dev/sda 2>&1');
    expect(
      commands.map((command) => command.redirects.map((r) => [r.op, r.target.text, r.inherited])),
    ).toEqual([
      [
        ['>', '/dev/sda', true],
        ['>&', '1', true],
      ],
      [
        ['>', 'own', false],
        ['>', '/dev/sda', true],
        ['>&', '1', true],
      ],
    ]);
  });
});

describe('heredocs', () => {
  it('collects the body, with expansions when the delimiter is unquoted', () => {
    const [command] = commandsOf('cat <<EOF\nhello $USER\n  indented\nEOF\n');
    const heredoc = command?.redirects[0]?.heredoc;
    expect(heredoc).toEqual(
      expect.objectContaining({ delimiter: 'EOF', quoted: false, stripTabs: false }),
    );
    expect(heredoc?.body.text).toBe('hello $USER\n  indented\n');
    expect(heredoc?.body.dynamic).toBe(true);
  });

  it.each([`<<'EOF'`, '<<"EOF"', '<<\\EOF', `<<E"O"F`])('does not expand a body after %s', (op) => {
    const [command] = commandsOf(`cat ${op}\n$(rm -rf /) \`id\` $HOME\nEOF\n`);
    const heredoc = command?.redirects[0]?.heredoc;
    expect(heredoc?.quoted).toBe(true);
    expect(heredoc?.body.text).toBe('$(rm -rf /) `id` $HOME\n');
    expect(heredoc?.body.dynamic).toBe(false);
    expect(namesOf(`cat ${op}\n$(rm -rf /)\nEOF\n`)).toEqual(['cat']);
  });

  it('runs substitutions in an unquoted body', () => {
    expect(namesOf('cat <<EOF\nnow: $(date) `id`\nEOF')).toEqual(['cat', 'date', 'id']);
  });

  it('strips leading tabs with <<-', () => {
    const [command] = commandsOf('cat <<-END\n\t\tone\n\ttwo $x\n\tEND\necho after');
    expect(command?.redirects[0]?.heredoc?.body.text).toBe('one\ntwo $x\n');
    expect(namesOf('cat <<-END\n\tone\n\tEND\necho after')).toEqual(['cat', 'echo']);
  });

  it('reads bodies after the line that opened them', () => {
    const source = 'cat <<A && cat <<B | grep x\nbody a\nA\nbody b\nB\necho done';
    const commands = commandsOf(source);
    expect(commands.map((command) => command.name?.text)).toEqual(['cat', 'cat', 'grep', 'echo']);
    expect(commands.slice(0, 2).map((command) => command.redirects[0]?.heredoc?.body.text)).toEqual(
      ['body a\n', 'body b\n'],
    );
  });

  it('keeps shell syntax in the body as data', () => {
    expect(
      namesOf("cat > script.sh <<'EOF'\nrm -rf /\nsudo reboot; echo ')'\nEOF\nchmod +x script.sh"),
    ).toEqual(['cat', 'chmod']);
  });

  it('ends at a delimiter at the end of input without a newline', () => {
    const [command] = commandsOf('cat <<EOF\nx\nEOF');
    expect(command?.redirects[0]?.heredoc?.body.text).toBe('x\n');
  });

  it('accepts a heredoc in a pipeline continued on the next line', () => {
    expect(namesOf('cat <<EOF |\nbody\nEOF\ngrep b')).toEqual(['cat', 'grep']);
  });
});
