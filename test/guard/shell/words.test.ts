import { describe, expect, it } from 'vitest';
import type { Word } from '../../../src/guard/shell/index.js';
import { commandsOf } from './parse-helpers.js';

function wordsOf(source: string): Word[] {
  const [command] = commandsOf(source);
  return command ? [...command.prefixWords, ...command.argv] : [];
}

function textsOf(source: string): string[] {
  return wordsOf(source).map((word) => word.text);
}

describe('quoting and escapes', () => {
  it.each([
    ['plain words', 'ls -la /tmp', ['ls', '-la', '/tmp']],
    ['adjacent quoted parts form one word', `r"m" -'rf' /`, ['rm', '-rf', '/']],
    ['single quotes keep everything', `echo '$HOME "x" \\n'`, ['echo', '$HOME "x" \\n']],
    [
      'double quote escapes',
      'echo "a \\" b \\\\ c \\$d \\` e \\x"',
      ['echo', 'a " b \\ c $d ` e \\x'],
    ],
    [
      'backslash outside quotes',
      'echo a\\ b \\; \\$HOME \\\\',
      ['echo', 'a b', ';', '$HOME', '\\'],
    ],
    ['line continuation inside a word', 'echo ab\\\ncd', ['echo', 'abcd']],
    ['line continuation between words', 'echo a \\\n  b', ['echo', 'a', 'b']],
    ['line continuation inside double quotes', 'echo "a\\\nb"', ['echo', 'ab']],
    ['empty quotes are an empty word', `echo "" ''`, ['echo', '', '']],
    [
      'quotes inside a word',
      `echo --msg="hello world" x'y z'`,
      ['echo', '--msg=hello world', 'xy z'],
    ],
    ['the close-reopen idiom', `echo 'it'\\''s'`, ['echo', "it's"]],
    [
      'ANSI-C strings',
      `echo $'a\\nb' $'\\x41\\101\\u00e9' $'q\\'s' $'\\t'`,
      ['echo', 'a\nb', 'AAé', "q's", '\t'],
    ],
    ['locale strings are double quoted', 'echo $"hi $USER"', ['echo', 'hi $USER']],
    ['a $ that starts nothing is literal', 'echo $ a$ "$" $/', ['echo', '$', 'a$', '$', '$/']],
    ['# inside a word is not a comment', 'echo a#b #c', ['echo', 'a#b']],
    ['multibyte text', 'echo "héllo wörld" 日本', ['echo', 'héllo wörld', '日本']],
    ['an escaped astral character stays whole', 'echo \\😀x', ['echo', '😀x']],
    [
      'keywords are words after the name',
      'echo if then fi { } done',
      ['echo', 'if', 'then', 'fi', '{', '}', 'done'],
    ],
    ['= in arguments', 'ls --color=auto a=b', ['ls', '--color=auto', 'a=b']],
  ])('%s', (_, source, expected) => {
    expect(textsOf(source)).toEqual(expected);
  });
});

describe('expansions stay as written and make a word dynamic', () => {
  it.each([
    ['$HOME/x', '$HOME/x', true],
    [`\${HOME}/x`, `\${HOME}/x`, true],
    ['"$HOME"', '$HOME', true],
    [`\${x:-default}`, `\${x:-default}`, true],
    ['$1$@$?', '$1$@$?', true],
    ['$(date +%s)', '$(date +%s)', true],
    ['`date`', '`date`', true],
    ['$((1 + 2))', '$((1 + 2))', true],
    ['<(sort a)', '<(sort a)', true],
    ['*.ts', '*.ts', true],
    ['file?.txt', 'file?.txt', true],
    ['[ab].txt', '[ab].txt', true],
    ['{a,b}.txt', '{a,b}.txt', true],
    ['{1..3}', '{1..3}', true],
    ['@(a|b)', '@(a|b)', true],
    ["'*.ts'", '*.ts', false],
    ['"{a,b}"', '{a,b}', false],
    ['\\*', '*', false],
    ['{}', '{}', false],
    ['{a}', '{a}', false],
    ['[', '[', false],
    ['~/x', '~/x', false],
    ["'$HOME'", '$HOME', false],
  ])('%s', (written, text, dynamic) => {
    const word = wordsOf(`echo ${written}`)[1] as Word;
    expect({ text: word.text, dynamic: word.dynamic }).toEqual({ text, dynamic });
  });

  it('marks patterns as glob and records parts', () => {
    const [, pattern, braces, quoted] = wordsOf(`ls src/*.ts {a,b}/c '*'`);
    expect(pattern?.glob).toBe(true);
    expect(pattern?.parts.map((part) => [part.kind, part.text])).toEqual([
      ['literal', 'src/'],
      ['pattern', '*'],
      ['literal', '.ts'],
    ]);
    expect(braces?.parts.map((part) => [part.kind, part.text])).toEqual([
      ['pattern', '{'],
      ['literal', 'a'],
      ['pattern', ','],
      ['literal', 'b'],
      ['pattern', '}'],
      ['literal', '/c'],
    ]);
    expect(quoted?.glob).toBe(false);
  });

  it('tells quoted from unquoted', () => {
    expect(wordsOf(`echo a 'b' c"d" \\e $f "$g"`).map((word) => word.quoted)).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      true,
    ]);
  });

  it('describes parameters', () => {
    const parts = wordsOf(`echo $HOME \${HOME} "\${x:-y}" \${#x}`)
      .slice(1)
      .map((word) => word.parts[0]);
    expect(parts).toEqual([
      expect.objectContaining({ kind: 'parameter', name: 'HOME', plain: true, quoted: false }),
      expect.objectContaining({ kind: 'parameter', name: 'HOME', plain: true, quoted: false }),
      expect.objectContaining({ kind: 'parameter', name: 'x', plain: false, quoted: true }),
      expect.objectContaining({ kind: 'parameter', name: 'x', plain: false }),
    ]);
  });

  it('records a leading tilde as a tilde part', () => {
    const [, home, user, inner, quoted] = wordsOf(`ls ~ ~bob/x a~b "~"/x`);
    expect(home?.parts).toEqual([{ kind: 'tilde', text: '~', start: 3, end: 4 }]);
    expect(user?.parts[0]).toEqual(expect.objectContaining({ kind: 'tilde', text: '~bob' }));
    expect(inner?.parts.map((part) => part.kind)).toEqual(['literal']);
    expect(quoted?.parts[0]?.kind).toBe('literal');
  });

  it('points words and parts at their source', () => {
    const source = `cat "my file" $'x' -- end`;
    for (const word of wordsOf(source)) {
      expect(source.slice(word.start, word.end).length).toBeGreaterThan(0);
      for (const part of word.parts) expect(part.start).toBeGreaterThanOrEqual(word.start);
    }
    const [, file] = wordsOf(source);
    expect(source.slice(file?.start, file?.end)).toBe('"my file"');
    expect(file?.parts[0]).toEqual({
      kind: 'literal',
      text: 'my file',
      quoting: 'double',
      start: 5,
      end: 12,
    });
  });
});

describe('assignments', () => {
  it.each([
    ['FOO=bar cmd', [['FOO', 'bar', false]], ['cmd']],
    [
      'A=1 B="x y" cmd arg',
      [
        ['A', '1', false],
        ['B', 'x y', false],
      ],
      ['cmd', 'arg'],
    ],
    ['PATH+=:/opt/bin', [['PATH', ':/opt/bin', true]], []],
    ['X= cmd', [['X', '', false]], ['cmd']],
    [
      'X=$(date) Y=~/x',
      [
        ['X', '$(date)', false],
        ['Y', '~/x', false],
      ],
      [],
    ],
    ['arr[0]=v', [['arr[0]', 'v', false]], []],
    ['cmd A=1', [], ['cmd', 'A=1']],
    ['"A"=1 cmd', [], ['A=1', 'cmd']],
  ])('%s', (source, assignments, argv) => {
    const [command] = commandsOf(source);
    expect(command?.assignments.map((a) => [a.name, a.value?.text, a.append])).toEqual(assignments);
    expect(command?.argv.map((word) => word.text)).toEqual(argv);
  });

  it('reads array assignments', () => {
    const [command] = commandsOf('files=(a "b c" $d)');
    expect(command?.assignments[0]?.array?.map((word) => word.text)).toEqual(['a', 'b c', '$d']);
    expect(command?.assignments[0]?.value).toBeNull();
    expect(command?.name).toBeNull();
  });

  it('does not expand patterns in assignment values', () => {
    const [command] = commandsOf('X=*.ts');
    expect(command?.assignments[0]?.value).toEqual(
      expect.objectContaining({ text: '*.ts', glob: false, dynamic: false }),
    );
  });

  it('expands a tilde after = and : in an assignment', () => {
    const [command] = commandsOf('PATH=~/bin:~/tools');
    expect(command?.assignments[0]?.value?.parts.map((part) => part.kind)).toEqual([
      'tilde',
      'literal',
      'tilde',
      'literal',
    ]);
  });
});
