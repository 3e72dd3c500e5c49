import { describe, expect, it } from 'vitest';
import { argvLines, commandsOf, namesOf } from './parse-helpers.js';

describe('operators and compound commands', () => {
  it.each([
    ['; separates', 'a; b;c', ['a', 'b', 'c']],
    ['&& and ||', 'a && b || c', ['a', 'b', 'c']],
    ['pipes', 'a | b |& c', ['a', 'b', 'c']],
    ['background', 'a & b &', ['a', 'b']],
    ['newlines', 'a\nb\n\nc\n', ['a', 'b', 'c']],
    ['a linebreak after an operator', 'a &&\n  b ||\n\n c |\n d', ['a', 'b', 'c', 'd']],
    ['negation', '! a && ! b', ['a', 'b']],
    ['time keyword', 'time a | b', ['a', 'b']],
    ['bare time', 'time', ['time']],
    ['subshell', '(a; b) && c', ['a', 'b', 'c']],
    ['nested subshells', '((a) ; (b))', ['a', 'b']],
    ['group', '{ a; b; } && c', ['a', 'b', 'c']],
    ['group on lines', '{\n  a\n  b\n}', ['a', 'b']],
    ['command substitution', 'a $(b) "$(c)"', ['a', 'b', 'c']],
    ['nested substitution', 'a "$(b "$(c)")"', ['a', 'b', 'c']],
    ['backquotes', 'a `b` "`c`"', ['a', 'b', 'c']],
    ['escaped backquotes inside backquotes', 'a `b \\`c\\``', ['a', 'b', 'c']],
    ['process substitution', 'diff <(a) >(b)', ['diff', 'a', 'b']],
    [
      'a compound command lists its expansions first',
      'while read l; do x; done < <(a)',
      ['a', 'read', 'x'],
    ],
    ['arithmetic is not a command', 'echo $((1 + 2)) && ((x++))', ['echo']],
    ['substitution inside arithmetic', 'echo $(( $(a) + 1 ))', ['echo', 'a']],
    [`substitution inside \${}`, `echo \${x:-$(a)}`, ['echo', 'a']],
    ['$(( that is a subshell', 'echo $((a) )', ['echo', 'a']],
    ['(( that is a subshell', '((a) )', ['a']],
    ['if/elif/else', 'if a; then b; elif c; then d; else e; fi', ['a', 'b', 'c', 'd', 'e']],
    ['if on lines', 'if a\nthen\n  b\nfi', ['a', 'b']],
    ['for in', 'for f in x y; do a "$f"; done', ['a']],
    ['for with substitution in the list', 'for f in $(ls); do a; done', ['ls', 'a']],
    ['for without in', 'for f; do a; done', ['a']],
    ['C-style for', 'for ((i=0; i<3; i++)); do a; done', ['a']],
    ['select', 'select x in a b; do c; done', ['c']],
    ['while', 'while a; do b; done', ['a', 'b']],
    ['until', 'until a; do b; done', ['a', 'b']],
    ['case', 'case $x in a|b) c;; (d) e;& *) f;;& esac', ['c', 'e', 'f']],
    [
      'case on lines',
      'case "$1" in\n  start)\n    a\n    ;;\n  *)\n    b\n    ;;\nesac',
      ['a', 'b'],
    ],
    ['case inside a substitution', 'echo $(case x in a) b;; esac)', ['echo', 'b']],
    ['[[ ]] is not a command', '[[ -f x && $y =~ ^(a|b)$ ]] && c', ['c']],
    ['substitution inside [[ ]]', '[[ $(a) == b ]]', ['a']],
    ['[ ] is a command', '[ -f x ] && b', ['[', 'b']],
    ['function definition', 'f() { a; }; f', ['a', 'f']],
    ['function keyword', 'function g { a; }\ng', ['a', 'g']],
    ['function with a subshell body', 'h() (a)', ['a']],
    ['comments', '# hello\na # trailing\n# last', ['a']],
    ['comment after an operator', 'a && # why\n b', ['a', 'b']],
    ['keywords after a compound command', 'if a; then { b; } fi', ['a', 'b']],
    ['empty input', '', []],
    ['only blanks and comments', '  \n # x\n\t', []],
    ['bare assignment', 'X=1', ['']],
    ['bare redirection', '> out.txt', ['']],
  ])('%s', (_, source, expected) => {
    expect(namesOf(source)).toEqual(expected);
  });

  it('marks background commands, also through a list', () => {
    const commands = commandsOf('a & b; (c; d) & e');
    expect(commands.map((command) => [command.name?.text, command.background])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
      ['d', true],
      ['e', false],
    ]);
  });

  it('lists a command before the commands inside its words', () => {
    const commands = commandsOf('a $(b $(c)) $(d)');
    expect(commands.map((command) => command.name?.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(commands.map((command) => command.via.map((via) => via.kind))).toEqual([
      [],
      ['substitution'],
      ['substitution', 'substitution'],
      ['substitution'],
    ]);
  });

  it('links substitution parts to the commands they run', () => {
    const [outer] = commandsOf('a $(b | c) <(d)');
    const [, substitution, process] = outer?.argv ?? [];
    expect(substitution?.parts[0]).toEqual(
      expect.objectContaining({ kind: 'command-substitution', commands: [1, 2] }),
    );
    expect(process?.parts[0]).toEqual(
      expect.objectContaining({ kind: 'process-substitution', direction: 'input', commands: [3] }),
    );
  });

  it('marks commands of a function body', () => {
    const [inner] = commandsOf('cleanup() { rm -rf build; }');
    expect(inner?.via).toEqual([{ kind: 'function', text: 'cleanup()' }]);
  });

  it('keeps heredocs inside substitutions', () => {
    expect(argvLines('x=$(cat <<EOF\nhello )\nEOF\n); echo "$x"')).toEqual(['', 'cat', 'echo $x']);
  });
});

describe('pipelines', () => {
  it('give every command its pipeline and position', () => {
    const commands = commandsOf('curl -fsSL x | sudo bash; ls');
    expect(commands.map((command) => [command.name?.text, command.pipeline])).toEqual([
      ['curl', { id: 1, index: 0, length: 2 }],
      ['bash', { id: 1, index: 1, length: 2 }],
      ['ls', { id: 2, index: 0, length: 1 }],
    ]);
  });

  it('reach into compound elements', () => {
    const commands = commandsOf('curl x | (cd /tmp && sh)');
    const sh = commands.find((command) => command.name?.text === 'sh');
    expect(sh?.pipeline).toEqual({ id: 1, index: 1, length: 2 });
  });

  it('keep inner pipelines inside compound elements', () => {
    const commands = commandsOf('a | { b | c; }');
    expect(
      commands.map((command) => [
        command.name?.text,
        command.pipeline.index,
        command.pipeline.length,
      ]),
    ).toEqual([
      ['a', 0, 2],
      ['b', 0, 2],
      ['c', 1, 2],
    ]);
  });

  it('reach into a shell -c script', () => {
    const commands = commandsOf(`curl x | bash -c 'sh'`);
    expect(commands.find((command) => command.name?.text === 'sh')?.pipeline).toEqual({
      id: 1,
      index: 1,
      length: 2,
    });
  });

  it('start fresh inside substitutions', () => {
    const commands = commandsOf('a | b "$(c)"');
    expect(commands.find((command) => command.name?.text === 'c')?.pipeline.length).toBe(1);
  });
});
