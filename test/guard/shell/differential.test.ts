import sh from 'mvdan-sh';
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/guard/shell/index.js';
import { ShellGenerator } from './shell-generator.js';

/**
 * mvdan-sh nodes as they come out of GopherJS: `$type` names the Go type. Reading it (and
 * walking by hand) is thousands of times faster than its NodeType and Walk, which cross into Go.
 */
interface MvdanNode {
  $type: string;
  Pos(): { Offset(): number };
  End(): { Offset(): number };
  [field: string]: unknown;
}

function nodeType(node: MvdanNode): string {
  return node.$type.slice(node.$type.lastIndexOf('.') + 1).replace('*', '');
}

function children(node: MvdanNode, field: string): MvdanNode[] {
  return (node[field] as MvdanNode[] | null) ?? [];
}

function child(node: MvdanNode, field: string): MvdanNode | null {
  return (node[field] as MvdanNode | null) ?? null;
}

const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', "'": "'" };

/** Quote removal of an unquoted literal: a backslash quotes the next character; backslash-newline disappears. */
function unescapeUnquoted(text: string): string {
  return text.replace(/\\(\n|[\s\S])/g, (_, char: string) => (char === '\n' ? '' : char));
}

/** Inside double quotes only `$ \` " \\` and newline are escaped. */
function unescapeDoubleQuoted(text: string): string {
  return text.replace(/\\([$`"\\\n])/g, (_, char: string) => (char === '\n' ? '' : char));
}

/** A word's text as our parser reports it: quotes removed, expansions as written. */
function wordText(source: string, parts: readonly MvdanNode[], inDoubleQuotes: boolean): string {
  let text = '';
  for (const part of parts) {
    const kind = nodeType(part);
    const value = String(part.Value ?? '');
    if (kind === 'Lit')
      text += inDoubleQuotes ? unescapeDoubleQuoted(value) : unescapeUnquoted(value);
    else if (kind === 'SglQuoted')
      text += part.Dollar
        ? value.replace(/\\(.)/g, (_, char: string) => ANSI_ESCAPES[char] ?? `\\${char}`)
        : value;
    else if (kind === 'DblQuoted') text += wordText(source, children(part, 'Parts'), true);
    else text += source.slice(part.Pos().Offset(), part.End().Offset());
  }
  return text;
}

/** Collects the simple commands (CallExpr) of mvdan-sh's tree, in and under every construct we generate. */
class ReferenceCollector {
  readonly commands: string[] = [];

  constructor(private readonly source: string) {}

  statements(list: MvdanNode[]): void {
    for (const statement of list) {
      this.command(child(statement, 'Cmd'));
      for (const redirect of children(statement, 'Redirs')) {
        this.word(child(redirect, 'Word'));
        this.word(child(redirect, 'Hdoc'));
      }
    }
  }

  private command(node: MvdanNode | null): void {
    if (!node) return;
    switch (nodeType(node)) {
      case 'CallExpr': {
        const assigns = children(node, 'Assigns').map((assign) => {
          const value = child(assign, 'Value');
          this.word(value);
          const text = value ? wordText(this.source, children(value, 'Parts'), false) : '';
          return `${(child(assign, 'Name') as MvdanNode).Value}=${text}`;
        });
        const args = children(node, 'Args').map((word) => {
          this.word(word);
          return wordText(this.source, children(word, 'Parts'), false);
        });
        this.commands.push(JSON.stringify([assigns, args]));
        break;
      }
      case 'Subshell':
      case 'Block':
        this.statements(children(node, 'Stmts'));
        break;
      case 'IfClause':
        this.statements(children(node, 'Cond'));
        this.statements(children(node, 'Then'));
        this.command(child(node, 'Else'));
        break;
      case 'WhileClause':
        this.statements(children(node, 'Cond'));
        this.statements(children(node, 'Do'));
        break;
      case 'ForClause':
        for (const word of children(child(node, 'Loop') as MvdanNode, 'Items')) this.word(word);
        this.statements(children(node, 'Do'));
        break;
      case 'CaseClause':
        this.word(child(node, 'Word'));
        for (const item of children(node, 'Items')) {
          for (const pattern of children(item, 'Patterns')) this.word(pattern);
          this.statements(children(item, 'Stmts'));
        }
        break;
      case 'BinaryCmd':
        this.statements([child(node, 'X') as MvdanNode, child(node, 'Y') as MvdanNode]);
        break;
      case 'FuncDecl':
        this.statements([child(node, 'Body') as MvdanNode]);
        break;
      default:
        throw new Error(`the reference walker does not know ${nodeType(node)}`);
    }
  }

  private word(word: MvdanNode | null): void {
    for (const part of word ? children(word, 'Parts') : []) this.part(part);
  }

  private part(part: MvdanNode): void {
    switch (nodeType(part)) {
      case 'DblQuoted':
        for (const inner of children(part, 'Parts')) this.part(inner);
        break;
      case 'CmdSubst':
      case 'ProcSubst':
        this.statements(children(part, 'Stmts'));
        break;
      case 'ParamExp':
        this.word(child(child(part, 'Exp') ?? part, 'Word'));
        break;
      case 'ArithmExp':
        this.arithmetic(child(part, 'X'));
        break;
    }
  }

  private arithmetic(node: MvdanNode | null): void {
    if (!node) return;
    if (nodeType(node) === 'Word') {
      this.word(node);
      return;
    }
    this.arithmetic(child(node, 'X'));
    this.arithmetic(child(node, 'Y'));
  }
}

/** Every simple command mvdan-sh finds, as its assignments and argument texts. */
function referenceCommands(source: string): string[] {
  const file = sh.syntax.NewParser().Parse(source, 'generated.sh') as unknown as MvdanNode;
  const collector = new ReferenceCollector(source);
  collector.statements(children(file, 'Stmts'));
  return collector.commands.sort();
}

function ourCommands(source: string): string[] {
  const parsed = parseShell(source);
  if (!parsed.ok)
    throw new Error(
      `refused ${JSON.stringify(source)}: ${parsed.error.message} at ${parsed.error.offset}`,
    );
  return parsed.commands
    .map((command) =>
      JSON.stringify([
        command.assignments.map(
          (assignment) => `${assignment.name}=${assignment.value?.text ?? ''}`,
        ),
        [...command.prefixWords, ...command.argv].map((word) => word.text),
      ]),
    )
    .sort();
}

describe('word splitting agrees with mvdan-sh', () => {
  it.each([
    `FOO=1 r"m" -'rf' a\\;b $'a\\nb' "x$HOME\\"q" $(ls -l) <(cat a) > out 2>&1 | grep x`,
    'echo "a $(echo "inner $(printf x)")" b',
    "echo 'it'\\''s' \"\" '' x\"\"y",
    'cat <<EOF | grep x\nhello $(date)\nEOF\necho after',
    'for f in a b; do echo "$f"; done; while true; do break; done',
    'if [ -f x ]; then echo yes; elif test -d y; then echo dir; else echo no; fi',
    'case "$1" in start|stop) echo "$1";; *) echo other;; esac',
    'f() { echo inside; }; f',
    `echo \${x:-$(echo default)} $((1 + $(echo 2)))`,
    '{ echo a; echo b; } > both.txt 2>&1',
    'a=1 b=2 cmd --flag=value "quoted arg" \\\n  continued',
    'echo `echo inner` done',
    'diff <(sort a) >(tee b) c',
    'echo a#b # a comment',
    `arr=(one two) && echo "\${arr[@]}"`,
  ])('%j', (source) => {
    expect(ourCommands(source)).toEqual(referenceCommands(source));
  });

  it.each([1, 2, 3, 4])('on generated command lines (seed %i)', (seed) => {
    const generator = new ShellGenerator(seed);
    for (let i = 0; i < 100; i++) {
      const source = generator.list();
      let reference: string[];
      try {
        reference = referenceCommands(source);
      } catch (error) {
        throw new Error(
          `mvdan-sh refused generated input ${JSON.stringify(source)}: ${(error as { Error?: () => string }).Error?.() ?? String(error)}`,
        );
      }
      expect(ourCommands(source), source).toEqual(reference);
    }
  });
});
