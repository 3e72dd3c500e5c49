import { BREAK, Ch, charClass, isName } from './char-classes.js';
import { CommandReader } from './command-reader.js';
import { BASH_RESERVED_WORDS } from './reserved-words.js';
import type {
  AndOrNode,
  CaseNode,
  CommandNode,
  CompoundNode,
  ExpressionNode,
  FunctionNode,
  IfNode,
  ListItem,
  ListNode,
  LoopNode,
  PipelineNode,
} from './syntax-tree.js';
import type { ParseSession } from './word-reader.js';

const RESERVED = new Set([...BASH_RESERVED_WORDS, '[[', ']]', '{', '}', '!']);

/** First characters of reserved words, to answer "not one" at a glance. */
const RESERVED_FIRST = new Set([...RESERVED].map((word) => word.charCodeAt(0)));

/** Reserved words that only close a construct; a command cannot start with one. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

const NONE = new Set<string>();
const THEN = new Set(['then']);
const IF_BODY = new Set(['elif', 'else', 'fi']);
const FI = new Set(['fi']);
const DO = new Set(['do']);
const DONE = new Set(['done']);
const BRACE = new Set(['}']);
const ESAC = new Set(['esac']);

function isWordLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || code === Ch.OpenBracket || code === Ch.CloseBracket;
}

/** Parses `text[from, to)` as a script. */
export function parseScript(
  text: string,
  script: number,
  session: ParseSession,
  from = 0,
  to = text.length,
  nesting = 0,
): ListNode {
  return new ScriptParser(text, script, session, from, to, nesting).parseAll();
}

/** A recursive-descent parser for bash command lists, pipelines and compound commands. */
class ScriptParser extends CommandReader {
  parseAll(): ListNode {
    const list = this.parseList(NONE, false, false);
    this.checkHeredocsClosed();
    return list;
  }

  protected parseSubstitutionBody(): ListNode {
    return this.parseList(NONE, true, false);
  }

  protected parseSeparately(text: string, script: number, from: number, to: number): ListNode {
    return parseScript(text, script, this.session, from, to, this.nesting);
  }

  /** The reserved word at `pos`, if one stands there as a whole word. */
  private peekReserved(): string | null {
    const first = this.charAt(this.pos);
    if (first === -1 || !RESERVED_FIRST.has(first)) return null;
    let at = this.pos;
    if (first === Ch.OpenBrace || first === Ch.CloseBrace || first === Ch.Bang) at++;
    else while (at < this.end && isWordLetter(this.src.charCodeAt(at))) at++;
    if (at === this.pos) return null;
    const next = this.charAt(at);
    if (next !== -1 && charClass(next) !== BREAK) return null;
    const word = this.src.slice(this.pos, at);
    return RESERVED.has(word) ? word : null;
  }

  private expectReserved(word: string, opener: string, openedAt: number): void {
    this.skipLinebreaks();
    if (this.peekReserved() !== word) {
      this.fail('unbalanced', `${opener} at offset ${openedAt} is missing ${word}`, this.pos);
    }
    this.pos += word.length;
  }

  private describeHere(): string {
    if (this.pos >= this.end) return 'end of input';
    const newline = this.src.charCodeAt(this.pos) === Ch.Newline;
    return newline ? 'newline' : `"${this.src.slice(this.pos, Math.min(this.end, this.pos + 10))}"`;
  }

  private nonEmpty(list: ListNode, what: string): ListNode {
    if (list.items.length === 0)
      this.fail('unexpected_token', `${what}: expected a command before ${this.describeHere()}`);
    return list;
  }

  /**
   * Commands separated by `;`, `&` and newlines, up to the end, a `)` (when `closeParen`), a
   * case item terminator (when `caseItem`) or one of the reserved words in `stops`.
   */
  private parseList(stops: ReadonlySet<string>, closeParen: boolean, caseItem: boolean): ListNode {
    this.enter(this.pos);
    const items: ListItem[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.end || this.atListEnd(stops, closeParen, caseItem)) break;
      const item: ListItem = { andOr: this.parseAndOr(), background: false };
      items.push(item);
      this.skipBlanks();
      this.skipComment();
      const c = this.charAt(this.pos);
      if (c === -1) break;
      if (c === Ch.Ampersand) {
        item.background = true;
        this.pos++;
      } else if (c === Ch.Semicolon && !this.atCaseTerminator()) {
        this.pos++;
      } else if (c === Ch.Newline) {
        this.consumeNewline();
      } else if (!this.atListEnd(stops, closeParen, caseItem)) {
        this.fail('unexpected_token', `unexpected ${this.describeHere()}`);
      }
    }
    this.leave();
    return { items };
  }

  private atCaseTerminator(): boolean {
    const next = this.charAt(this.pos + 1);
    return (
      this.charAt(this.pos) === Ch.Semicolon && (next === Ch.Semicolon || next === Ch.Ampersand)
    );
  }

  private atListEnd(stops: ReadonlySet<string>, closeParen: boolean, caseItem: boolean): boolean {
    const c = this.src.charCodeAt(this.pos);
    if (c === Ch.CloseParen) {
      if (closeParen) return true;
      this.fail('unbalanced', 'unexpected )');
    }
    if (this.atCaseTerminator()) {
      if (caseItem) return true;
      this.fail('unexpected_token', `unexpected ${this.describeHere()}`);
    }
    const word = this.peekReserved();
    return word !== null && stops.has(word);
  }

  private parseAndOr(): AndOrNode {
    const pipelines = [this.parsePipeline()];
    const operators: AndOrNode['operators'] = [];
    for (;;) {
      this.skipBlanks();
      const c = this.charAt(this.pos);
      const next = this.charAt(this.pos + 1);
      const and = c === Ch.Ampersand && next === Ch.Ampersand;
      if (!and && !(c === Ch.Pipe && next === Ch.Pipe)) return { pipelines, operators };
      operators.push(and ? '&&' : '||');
      this.pos += 2;
      this.skipLinebreaks();
      pipelines.push(this.parsePipeline());
    }
  }

  private parsePipeline(): PipelineNode {
    this.skipBlanks();
    const timed = this.readTimeKeyword();
    while (this.peekReserved() === '!') {
      this.pos++;
      this.skipBlanks();
    }
    const commands = [this.parseCommand()];
    for (;;) {
      this.skipBlanks();
      if (this.charAt(this.pos) !== Ch.Pipe || this.charAt(this.pos + 1) === Ch.Pipe) break;
      this.pos += this.charAt(this.pos + 1) === Ch.Ampersand ? 2 : 1;
      this.skipLinebreaks();
      commands.push(this.parseCommand());
    }
    return { commands, timed };
  }

  /** The `time [-p]` keyword before a pipeline; a bare `time` is an ordinary command. */
  private readTimeKeyword(): boolean {
    if (this.peekReserved() !== 'time') return false;
    const saved = this.pos;
    this.pos += 4;
    this.skipBlanks();
    if (this.src.startsWith('-p', this.pos) && charClass(this.charAt(this.pos + 2)) === BREAK) {
      this.pos += 2;
      this.skipBlanks();
    }
    const c = this.charAt(this.pos);
    const commandFollows =
      c !== -1 &&
      c !== Ch.Semicolon &&
      c !== Ch.Newline &&
      c !== Ch.Ampersand &&
      c !== Ch.Pipe &&
      c !== Ch.CloseParen;
    if (!commandFollows) this.pos = saved;
    return commandFollows;
  }

  private parseCommand(): CommandNode {
    this.skipBlanks();
    const word = this.peekReserved();
    if (word !== null && CLOSERS.has(word)) this.fail('unexpected_token', `unexpected ${word}`);
    switch (word) {
      case '{':
        return this.withRedirects(this.parseGroup());
      case 'if':
        return this.withRedirects(this.parseIf());
      case 'while':
      case 'until':
        return this.withRedirects(this.parseWhile(word));
      case 'for':
      case 'select':
        return this.withRedirects(this.parseFor(word));
      case 'case':
        return this.withRedirects(this.parseCase());
      case '[[':
        return this.withRedirects(this.parseTest());
      case 'function':
        return this.parseFunctionKeyword();
    }
    if (this.charAt(this.pos) === Ch.OpenParen) {
      return this.withRedirects(
        this.charAt(this.pos + 1) === Ch.OpenParen
          ? this.parseArithmeticCommand()
          : this.parseSubshell(),
      );
    }
    const node = this.readSimpleCommand();
    if (this.charAt(this.pos) === Ch.OpenParen) {
      const [name] = node.words;
      const definesFunction =
        node.words.length === 1 &&
        node.assignments.length === 0 &&
        node.redirects.length === 0 &&
        name !== undefined;
      if (!definesFunction) this.fail('unexpected_token', 'unexpected (');
      return this.parseFunctionBody(name.text);
    }
    if (node.words.length === 0 && node.assignments.length === 0 && node.redirects.length === 0) {
      this.fail('unexpected_token', `expected a command, found ${this.describeHere()}`);
    }
    return node;
  }

  /** Redirections after a compound command (`{ …; } > f`, `done < <(…)`). */
  private withRedirects(node: CompoundNode): CompoundNode {
    const outer = this.sink;
    this.sink = node.substitutions;
    for (;;) {
      this.skipBlanks();
      if (!this.atRedirect()) break;
      this.readRedirect(node.redirects);
    }
    this.sink = outer;
    return node;
  }

  private parseGroup(): CompoundNode {
    const open = this.pos;
    this.pos++;
    const body = this.nonEmpty(this.parseList(BRACE, false, false), '{ … }');
    this.expectReserved('}', '{', open);
    return { type: 'group', body, redirects: [], substitutions: [] };
  }

  private parseSubshell(): CompoundNode {
    const open = this.pos;
    this.pos++;
    const body = this.nonEmpty(this.parseList(NONE, true, false), '( … )');
    if (this.charAt(this.pos) !== Ch.CloseParen)
      this.fail('unbalanced', `( at offset ${open} is missing )`);
    this.pos++;
    return { type: 'subshell', body, redirects: [], substitutions: [] };
  }

  /** `(( … ))`, or a subshell starting with a subshell when it does not close as arithmetic. */
  private parseArithmeticCommand(): CompoundNode {
    const node: ExpressionNode = { type: 'expression', redirects: [], substitutions: [] };
    const outer = this.sink;
    this.sink = node.substitutions;
    const arithmetic = this.tryArithmetic(this.pos, 2);
    this.sink = outer;
    return arithmetic === null ? this.parseSubshell() : node;
  }

  private parseIf(): IfNode {
    const open = this.pos;
    this.pos += 2;
    const node: IfNode = { type: 'if', branches: [], redirects: [], substitutions: [] };
    for (;;) {
      const condition = this.nonEmpty(this.parseList(THEN, false, false), 'if condition');
      this.expectReserved('then', 'if', open);
      node.branches.push({
        condition,
        body: this.nonEmpty(this.parseList(IF_BODY, false, false), 'then'),
      });
      const next = this.peekReserved();
      if (next === 'elif') {
        this.pos += 4;
        continue;
      }
      if (next === 'else') {
        this.pos += 4;
        node.branches.push({
          condition: null,
          body: this.nonEmpty(this.parseList(FI, false, false), 'else'),
        });
      }
      this.expectReserved('fi', 'if', open);
      return node;
    }
  }

  private parseWhile(keyword: string): LoopNode {
    const open = this.pos;
    this.pos += keyword.length;
    const condition = this.nonEmpty(this.parseList(DO, false, false), keyword);
    return this.finishLoop(condition, keyword, open, {
      type: 'loop',
      redirects: [],
      substitutions: [],
    });
  }

  private finishLoop(
    condition: ListNode | null,
    keyword: string,
    open: number,
    node: Omit<LoopNode, 'condition' | 'body'>,
  ): LoopNode {
    this.expectReserved('do', keyword, open);
    const body = this.nonEmpty(this.parseList(DONE, false, false), 'do');
    this.expectReserved('done', keyword, open);
    return { ...node, condition, body };
  }

  private parseFor(keyword: string): LoopNode {
    const open = this.pos;
    this.pos += keyword.length;
    this.skipBlanks();
    const node = { type: 'loop' as const, redirects: [], substitutions: [] };
    const outer = this.sink;
    this.sink = node.substitutions;
    if (this.charAt(this.pos) === Ch.OpenParen && this.charAt(this.pos + 1) === Ch.OpenParen) {
      if (this.tryArithmetic(this.pos, 2) === null)
        this.fail('unbalanced', `${keyword} (( is missing ))`);
      this.skipBlanks();
      if (this.charAt(this.pos) === Ch.Semicolon) this.pos++;
    } else {
      if (!this.readWord(false)) this.fail('unexpected_token', `${keyword} needs a variable name`);
      this.skipLinebreaks();
      if (this.peekReserved() === 'in') {
        this.pos += 2;
        this.readLoopWords();
      } else if (this.charAt(this.pos) === Ch.Semicolon) {
        this.pos++;
      }
    }
    this.sink = outer;
    return this.finishLoop(null, keyword, open, node);
  }

  /** The words after `for x in`, up to `;` or a newline. */
  private readLoopWords(): void {
    for (;;) {
      this.skipBlanks();
      this.skipComment();
      const c = this.charAt(this.pos);
      if (c === Ch.Semicolon) {
        this.pos++;
        return;
      }
      if (c === Ch.Newline) {
        this.consumeNewline();
        return;
      }
      if (c === -1 || !this.readWord(false))
        this.fail('unexpected_token', `unexpected ${this.describeHere()} in a for list`);
    }
  }

  private parseCase(): CaseNode {
    const open = this.pos;
    this.pos += 4;
    this.skipBlanks();
    const node: CaseNode = { type: 'case', branches: [], redirects: [], substitutions: [] };
    const outer = this.sink;
    this.sink = node.substitutions;
    if (!this.readWord(false)) this.fail('unexpected_token', 'case needs a word');
    this.expectReserved('in', 'case', open);
    for (;;) {
      this.skipLinebreaks();
      if (this.peekReserved() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.pos >= this.end) this.fail('unbalanced', `case at offset ${open} is missing esac`);
      this.sink = node.substitutions;
      this.readCasePatterns();
      node.branches.push(this.parseList(ESAC, false, true));
      if (this.atCaseTerminator()) {
        this.pos += this.src.startsWith(';;&', this.pos) ? 3 : 2;
      } else if (this.peekReserved() !== 'esac') {
        this.fail('unbalanced', `case at offset ${open} is missing esac`);
      }
    }
    this.sink = outer;
    return node;
  }

  /** `(a|b)` or `a|b)` before a case branch. */
  private readCasePatterns(): void {
    if (this.charAt(this.pos) === Ch.OpenParen) this.pos++;
    for (;;) {
      this.skipBlanks();
      if (!this.readWord(false))
        this.fail('unexpected_token', `unexpected ${this.describeHere()} in a case pattern`);
      this.skipBlanks();
      const c = this.charAt(this.pos);
      this.pos++;
      if (c === Ch.CloseParen) return;
      if (c !== Ch.Pipe)
        this.fail('unexpected_token', 'a case pattern must end with )', this.pos - 1);
    }
  }

  /** `[[ … ]]`: operators and words up to `]]`; only the substitutions inside matter. */
  private parseTest(): ExpressionNode {
    const open = this.pos;
    this.pos += 2;
    const node: ExpressionNode = { type: 'expression', redirects: [], substitutions: [] };
    const outer = this.sink;
    this.sink = node.substitutions;
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.end) this.fail('unbalanced', `[[ at offset ${open} is missing ]]`);
      if (this.peekReserved() === ']]') {
        this.pos += 2;
        break;
      }
      if (this.src.charCodeAt(this.pos) === Ch.Semicolon)
        this.fail('unexpected_token', 'unexpected ; inside [[ ]]');
      // Operators (`&&`, `||`, `!`, `(`, `)`, `<`, `>`) are skipped a character at a time.
      if (!this.readWord(false)) this.pos++;
    }
    this.sink = outer;
    return node;
  }

  private parseFunctionKeyword(): FunctionNode {
    this.pos += 8;
    this.skipBlanks();
    const name = this.readWord(false);
    if (!name || !isFunctionName(name.text)) this.fail('unexpected_token', 'function needs a name');
    this.skipBlanks();
    if (this.charAt(this.pos) !== Ch.OpenParen) return this.finishFunction(name.text);
    return this.parseFunctionBody(name.text);
  }

  /** `()` and the body after a function name. */
  private parseFunctionBody(name: string): FunctionNode {
    this.pos++;
    this.skipBlanks();
    if (this.charAt(this.pos) !== Ch.CloseParen)
      this.fail('unexpected_token', `function ${name}: expected )`);
    this.pos++;
    return this.finishFunction(name);
  }

  private finishFunction(name: string): FunctionNode {
    this.skipLinebreaks();
    const body = this.parseCommand();
    if (body.type === 'simple' || body.type === 'function') {
      this.fail('unexpected_token', `function ${name}: the body must be a compound command`);
    }
    return { type: 'function', name, body };
  }
}

function isFunctionName(text: string): boolean {
  return isName(text.replace(/[-.:]/g, '_'));
}
