import { BREAK, Ch, charClass, isBlank, isDigit } from './char-classes.js';
import type { SimpleNode, SubstitutionNode } from './syntax-tree.js';
import type { Assignment, Heredoc, Redirect, RedirectOp, Word, WordPart } from './types.js';
import { WordReader } from './word-reader.js';

interface PendingHeredoc {
  heredoc: Heredoc;
  /** Where substitutions in its body go: the list of the command it belongs to. */
  sink: SubstitutionNode[];
  at: number;
}

const NO_PARTS: WordPart[] = [];

/**
 * Reads simple commands: blanks, comments, line continuations, assignments, words,
 * redirections, and heredoc bodies once the line that introduced them ends.
 */
export abstract class CommandReader extends WordReader {
  private pending: PendingHeredoc[] = [];

  /** Skips spaces, tabs and backslash-newline continuations. */
  protected skipBlanks(): void {
    while (this.pos < this.end) {
      const code = this.src.charCodeAt(this.pos);
      if (isBlank(code)) this.pos++;
      else if (code === Ch.Backslash && this.charAt(this.pos + 1) === Ch.Newline) this.pos += 2;
      else return;
    }
  }

  /** Skips a `#` comment at `pos` up to (not including) the newline. */
  protected skipComment(): void {
    if (this.charAt(this.pos) !== Ch.Hash) return;
    const newline = this.src.indexOf('\n', this.pos);
    this.pos = newline === -1 || newline > this.end ? this.end : newline;
  }

  /** Skips blanks, comments and newlines (reading any heredoc bodies due). */
  protected skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      this.skipComment();
      if (this.charAt(this.pos) !== Ch.Newline) return;
      this.consumeNewline();
    }
  }

  protected consumeNewline(): void {
    this.pos++;
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  /** Fails when a heredoc was opened but its body never came. */
  protected checkHeredocsClosed(): void {
    const open = this.pending[0];
    if (open) {
      this.fail(
        'missing_heredoc_terminator',
        `heredoc not closed: no line "${open.heredoc.delimiter}"`,
        open.at,
      );
    }
  }

  /** At a redirection operator (with an optional fd): `2>`, `<`, `>>`, `&>`, `<<<` … but not `<(`. */
  protected atRedirect(): boolean {
    let at = this.pos;
    while (at < this.end && isDigit(this.src.charCodeAt(at))) at++;
    const c = this.charAt(at);
    const next = this.charAt(at + 1);
    if (c === Ch.Less || c === Ch.Greater) return next !== Ch.OpenParen;
    return at === this.pos && c === Ch.Ampersand && next === Ch.Greater;
  }

  private redirectOp(): RedirectOp {
    const src = this.src;
    const at = this.pos;
    const c = src.charCodeAt(at);
    const next = this.charAt(at + 1);
    if (c === Ch.Ampersand) return this.charAt(at + 2) === Ch.Greater ? '&>>' : '&>';
    if (c === Ch.Less) {
      if (next === Ch.Less) {
        const third = this.charAt(at + 2);
        return third === Ch.Less ? '<<<' : third === Ch.Minus ? '<<-' : '<<';
      }
      return next === Ch.Greater ? '<>' : next === Ch.Ampersand ? '<&' : '<';
    }
    if (next === Ch.Greater) return '>>';
    if (next === Ch.Pipe) return '>|';
    return next === Ch.Ampersand ? '>&' : '>';
  }

  /** A redirection at `pos`, appended to `redirects`; a heredoc's body is read after the next newline. */
  protected readRedirect(redirects: Redirect[]): void {
    const start = this.pos;
    let fd: number | null = null;
    while (isDigit(this.charAt(this.pos))) this.pos++;
    if (this.pos > start) fd = Number(this.src.slice(start, this.pos));
    const op = this.redirectOp();
    this.pos += op.length;
    this.skipBlanks();
    const target = this.readWord(false);
    if (!target) this.fail('missing_redirect_target', `redirection ${op} without a target`, start);
    const redirect: Redirect = {
      fd,
      op,
      target,
      heredoc: null,
      inherited: false,
      start,
      end: this.pos,
    };
    if (op === '<<' || op === '<<-') {
      const heredoc: Heredoc = {
        delimiter: target.text,
        quoted: target.quoted,
        stripTabs: op === '<<-',
        body: this.finishWord(NO_PARTS, this.pos, this.pos, false),
      };
      redirect.heredoc = heredoc;
      this.pending.push({ heredoc, sink: this.sink, at: start });
    }
    redirects.push(redirect);
  }

  private readHeredocBodies(): void {
    const due = this.pending;
    this.pending = [];
    for (const { heredoc, sink, at } of due) {
      const bodyStart = this.pos;
      let lineStart = this.pos;
      for (;;) {
        if (lineStart >= this.end) {
          this.fail(
            'missing_heredoc_terminator',
            `heredoc not closed: no line "${heredoc.delimiter}"`,
            at,
          );
        }
        const newline = this.src.indexOf('\n', lineStart);
        const lineEnd = newline === -1 || newline >= this.end ? this.end : newline;
        let contentStart = lineStart;
        if (heredoc.stripTabs) {
          while (contentStart < lineEnd && this.src.charCodeAt(contentStart) === Ch.Tab)
            contentStart++;
        }
        const isDelimiter =
          lineEnd - contentStart === heredoc.delimiter.length &&
          this.src.startsWith(heredoc.delimiter, contentStart);
        if (isDelimiter) {
          heredoc.body = this.heredocBody(heredoc, sink, bodyStart, lineStart);
          this.pos = Math.min(lineEnd + 1, this.end);
          break;
        }
        lineStart = lineEnd + 1;
      }
    }
  }

  private heredocBody(heredoc: Heredoc, sink: SubstitutionNode[], from: number, to: number): Word {
    if (heredoc.quoted) {
      const raw = this.src.slice(from, to);
      const text = heredoc.stripTabs ? raw.replace(/^\t+/gm, '') : raw;
      return this.finishWord([this.literal(text, 'heredoc', from, to)], from, to, false);
    }
    const saved = { pos: this.pos, end: this.end, sink: this.sink };
    const parts: WordPart[] = [];
    this.sink = sink;
    let lineStart = from;
    while (lineStart < to) {
      const newline = this.src.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= to ? to : newline + 1;
      this.pos = lineStart;
      if (heredoc.stripTabs) {
        while (this.src.charCodeAt(this.pos) === Ch.Tab) this.pos++;
      }
      // Without tab stripping the whole body is one range, so a substitution may span lines.
      this.end = heredoc.stripTabs ? lineEnd : to;
      this.readQuotedContent(parts, -1, 'heredoc', from);
      lineStart = heredoc.stripTabs ? lineEnd : to;
    }
    this.pos = saved.pos;
    this.end = saved.end;
    this.sink = saved.sink;
    return this.finishWord(parts, from, to, false);
  }

  /**
   * A simple command at `pos`: assignments, words and redirections up to a metacharacter.
   * Stops before `(` so the caller can recognize `name()` function definitions.
   */
  protected readSimpleCommand(): SimpleNode {
    const node: SimpleNode = {
      type: 'simple',
      assignments: [],
      words: [],
      redirects: [],
      substitutions: [],
      start: this.pos,
      end: this.pos,
    };
    const outer = this.sink;
    this.sink = node.substitutions;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.end) break;
      const c = this.src.charCodeAt(this.pos);
      if (c === Ch.Hash) {
        this.skipComment();
        break;
      }
      if (this.atRedirect()) {
        this.readRedirect(node.redirects);
      } else if (node.words.length === 0) {
        const word = this.readWord(true);
        if (!word) break;
        if (this.assignment) node.assignments.push(this.finishAssignment(word));
        else node.words.push(word);
      } else {
        const word = this.readWord(false);
        if (!word) break;
        node.words.push(word);
      }
      node.end = this.pos;
    }
    this.sink = outer;
    return node;
  }

  /** Completes the assignment readWord just recognized; `NAME=(…)` reads the array's words. */
  private finishAssignment(value: Word): Assignment {
    const { name, append, start } = this.assignment as NonNullable<typeof this.assignment>;
    if (value.parts.length > 0 || this.charAt(this.pos) !== Ch.OpenParen) {
      return { name, append, value, array: null, fromWrapper: false, start, end: this.pos };
    }
    const open = this.pos;
    this.pos++;
    const array: Word[] = [];
    for (;;) {
      this.skipLinebreaks();
      const c = this.charAt(this.pos);
      if (c === Ch.CloseParen) {
        this.pos++;
        return { name, append, value: null, array, fromWrapper: false, start, end: this.pos };
      }
      if (c === -1) this.fail('unbalanced', `array assignment to ${name} is missing )`, open);
      const word = charClass(c) === BREAK ? null : this.readWord(false);
      if (!word) this.fail('unexpected_token', `unexpected ${String.fromCharCode(c)} in an array`);
      array.push(word);
    }
  }
}
