import { describe, expect, it } from 'vitest';
import { parseShell, renderCommand, type SimpleCommand } from '../../../src/guard/shell/index.js';
import { commandsOf } from './parse-helpers.js';
import { ShellGenerator } from './shell-generator.js';

function rendered(source: string): string[] {
  return commandsOf(source).map(renderCommand);
}

/** What a command means, as far as rendering must keep it. */
function meaning(command: SimpleCommand) {
  const word = (w: { text: string; dynamic: boolean; glob: boolean }) => [
    w.text,
    w.dynamic,
    w.glob,
  ];
  return {
    assignments: command.assignments.map((a) => [
      a.name,
      a.append,
      a.value && word(a.value),
      a.array?.map(word),
    ]),
    words: [...command.prefixWords, ...command.argv].map(word),
    redirects: command.redirects
      .filter((r) => !r.inherited)
      .map((r) => [
        r.fd,
        r.heredoc || r.op === '<<<' ? 'stdin' : r.op,
        word(r.heredoc?.body ?? r.target),
      ]),
  };
}

function renderedNewline(command: SimpleCommand): boolean {
  const words = [
    ...command.prefixWords,
    ...command.argv,
    ...command.redirects.map((r) => r.heredoc?.body ?? r.target),
  ];
  for (const assignment of command.assignments)
    words.push(...(assignment.array ?? []), ...(assignment.value ? [assignment.value] : []));
  return words.some((word) =>
    word.parts.some((part) => part.kind !== 'literal' && part.text.includes('\n')),
  );
}

describe('renderCommand', () => {
  it.each([
    ['ls   -la    /tmp', ['ls -la /tmp']],
    [`r"m" -'rf' "/"`, ['rm -rf /']],
    [`echo "hello world" 'it'\\''s'`, [`echo 'hello world' $'it\\'s'`]],
    ['echo $HOME "$HOME" "x$HOME"y', ['echo $HOME "$HOME" x"$HOME"y']],
    ['echo "$a"b $a"b"', ['echo "$a"b $a\'b\'']],
    ['FOO=1 BAR="a b" cmd > out 2>&1', [`FOO=1 BAR='a b' cmd >out 2>&1`]],
    ['echo *.ts "*.ts" {a,b} "{a,b}" {}', [`echo *.ts '*.ts' {a,b} '{a,b}' {}`]],
    ["'FOO=1' x", ['\\FOO=1 x']],
    ["'if' x", ['\\if x']],
    ['echo $(date\n)', ['echo $(date\\n)', 'date']],
    ['cat <<EOF\nhi $USER\nEOF', [`cat <<<'hi '"$USER"$'\\n'`]],
    ['sudo -u root rm x', ['sudo -u root rm x']],
    ['X=', ['X=']],
    ['a=(1 "2 3")', [`a=(1 '2 3')`]],
    ['printf "\\t"', [`printf '\\t'`]],
    ["echo $'\\x01'", [`echo $'\\x01'`]],
  ])('%j', (source, expected) => {
    expect(rendered(source)).toEqual(expected);
  });

  it('renders equivalent spellings alike', () => {
    expect(rendered(`rm -rf "$HOME/x"`)).toEqual(rendered(`rm -rf "$HOME"/x`));
    expect(rendered(`rm -rf '/tmp/a b'`)).toEqual(rendered('rm -rf /tmp/a\\ b'));
  });

  it('keeps the meaning of generated commands', () => {
    const generator = new ShellGenerator(7);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      for (const command of commandsOf(generator.list())) {
        // A newline inside an expansion is only shown as `\n`, so such a line is for reading, not for running.
        if (renderedNewline(command)) continue;
        const line = renderCommand(command);
        checked++;
        const again = parseShell(line);
        if (!again.ok) expect.fail(`${line} does not parse: ${again.error.message}`);
        expect(again.commands[0] && meaning(again.commands[0]), line).toEqual(meaning(command));
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
