import { decodeAnsiC } from './ansi-c.js';
import { BREAK, Ch, charClass, isDigit, isNameChar, isNameStart, PLAIN } from './char-classes.js';
import { markPatterns } from './patterns.js';
import { ShellSyntaxError } from './shell-syntax-error.js';
import type { ListNode, SubstitutionNode } from './syntax-tree.js';
import type { Quoting, ShellErrorCode, Word, WordPart } from './types.js';

/** State shared by every parser working on one input: the texts that offsets refer to. */
export interface ParseSession {
  scripts: string[];
}

/** Nesting of lists, substitutions and expansions beyond which the input is refused (the stack stays small). */
const MAX_NESTING = 100;

type Literal = Extract<WordPart, { kind: 'literal' }>;
type Substitution = SubstitutionNode['part'];

const SPECIAL_PARAMETERS = '@*#?-$!';

function isExtglobPrefix(code: number): boolean {
  return (
    code === Ch.Star ||
    code === Ch.Question ||
    code === Ch.Plus ||
    code === Ch.At ||
    code === Ch.Bang
  );
}

/** `NAME`, `NAME+` or `NAME[subscript]` (with an optional `+`) before the `=` of an assignment. */
function assignmentTarget(text: string): { name: string; append: boolean } | null {
  const append = text.endsWith('+');
  const name = append ? text.slice(0, -1) : text;
  if (name.length === 0 || !isNameStart(name.charCodeAt(0))) return null;
  let i = 1;
  while (i < name.length && isNameChar(name.charCodeAt(i))) i++;
  if (i === name.length) return { name, append };
  if (
    name.charCodeAt(i) === Ch.OpenBracket &&
    name.endsWith(']') &&
    name.indexOf(']', i) === name.length - 1
  ) {
    return { name, append };
  }
  return null;
}

/** Removes the backslashes a backquoted command keeps from the outer level. */
function unescapeBackquoted(text: string, inDoubleQuotes: boolean): string {
  let out = '';
  let run = 0;
  for (let i = text.indexOf('\\'); i !== -1 && i < text.length - 1; i = text.indexOf('\\', i)) {
    const next = text.charAt(i + 1);
    if (next === '\\' || next === '`' || next === '$' || (inDoubleQuotes && next === '"')) {
      out += text.slice(run, i);
      run = i + 1;
    }
    i += 2;
  }
  return out + text.slice(run);
}

/**
 * Reads words: quoting, escapes, parameter and command substitutions, arithmetic, patterns and
 * tildes, in one forward pass over `src` between `pos` and `end`. Command lists inside
 * substitutions are parsed by the subclass.
 */
export abstract class WordReader {
  protected pos: number;
  protected end: number;
  /** Where substitutions found while reading words are collected (the current command's list). */
  protected sink: SubstitutionNode[] = [];
  /** Set by readWord when the word it read was an assignment; the word returned is then its value. */
  protected assignment: { name: string; append: boolean; start: number } | null = null;

  constructor(
    protected readonly src: string,
    protected readonly script: number,
    protected readonly session: ParseSession,
    from: number,
    to: number,
    protected nesting: number,
  ) {
    this.pos = from;
    this.end = to;
  }

  /** Parses the command list of `$(…)` or `<(…)` from `pos`, stopping before its `)`. */
  protected abstract parseSubstitutionBody(): ListNode;

  /** Parses `text[from, to)` as a whole script with a fresh parser. */
  protected abstract parseSeparately(
    text: string,
    script: number,
    from: number,
    to: number,
  ): ListNode;

  protected fail(code: ShellErrorCode, message: string, offset = this.pos): never {
    throw new ShellSyntaxError(code, message, offset);
  }

  protected enter(at: number): void {
    if (++this.nesting > MAX_NESTING) {
      this.fail('too_deep', `nesting deeper than ${MAX_NESTING} levels`, at);
    }
  }

  protected leave(): void {
    this.nesting--;
  }

  protected charAt(at: number): number {
    return at < this.end ? this.src.charCodeAt(at) : -1;
  }

  /**
   * Reads one word at `pos`; null when `pos` is at a metacharacter or the end. With
   * `assignmentAllowed`, a leading `NAME=` makes it an assignment: `this.assignment` is set and
   * the value is returned (assignment values get no pattern expansion).
   */
  protected readWord(assignmentAllowed: boolean): Word | null {
    const src = this.src;
    let start = this.pos;
    const parts: WordPart[] = [];
    let runStart = start;
    let patternCandidates = false;
    let tildeAt = start;
    let assignmentValue = false;
    // Kept local until the end: substitutions inside the word read words of their own.
    let assignment: WordReader['assignment'] = null;
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      const cls = charClass(c);
      if (cls === PLAIN) {
        this.pos++;
        continue;
      }
      if (cls === BREAK) {
        const opensProcess =
          (c === Ch.Less || c === Ch.Greater) &&
          this.pos === start &&
          this.charAt(this.pos + 1) === Ch.OpenParen;
        if (!opensProcess) break;
        parts.push(this.readSubstitution('process-substitution', false));
        runStart = this.pos;
        continue;
      }
      switch (c) {
        case Ch.Backslash: {
          if (this.pos + 1 >= this.end) {
            this.pos++;
            break;
          }
          this.pushRun(parts, runStart);
          if (src.charCodeAt(this.pos + 1) === Ch.Newline) {
            this.pos += 2;
          } else {
            const width = this.charWidth(this.pos + 1);
            parts.push(
              this.literal(src.slice(this.pos + 1, this.pos + 1 + width), 'escape', this.pos),
            );
            this.pos += 1 + width;
          }
          runStart = this.pos;
          break;
        }
        case Ch.SingleQuote: {
          this.pushRun(parts, runStart);
          const close = src.indexOf("'", this.pos + 1);
          if (close === -1 || close >= this.end)
            this.fail('unterminated_quote', 'unterminated single quote');
          parts.push(this.literal(src.slice(this.pos + 1, close), 'single', this.pos + 1));
          this.pos = close + 1;
          runStart = this.pos;
          break;
        }
        case Ch.DoubleQuote:
          this.pushRun(parts, runStart);
          this.readDoubleQuoted(parts);
          runStart = this.pos;
          break;
        case Ch.Dollar: {
          const next = this.charAt(this.pos + 1);
          this.pushRun(parts, runStart);
          if (next === Ch.SingleQuote) {
            parts.push(this.readAnsiC());
          } else if (next === Ch.DoubleQuote) {
            this.pos++;
            this.readDoubleQuoted(parts);
          } else {
            parts.push(this.readDollar(false));
          }
          runStart = this.pos;
          break;
        }
        case Ch.Backquote:
          this.pushRun(parts, runStart);
          parts.push(this.readBackquoted(false));
          runStart = this.pos;
          break;
        case Ch.Star:
        case Ch.Question:
        case Ch.Plus:
        case Ch.At:
        case Ch.Bang: {
          const extglob = this.charAt(this.pos + 1) === Ch.OpenParen && isExtglobPrefix(c);
          const glob = c === Ch.Star || c === Ch.Question;
          if (assignmentValue || (!extglob && !glob)) {
            this.pos++;
            break;
          }
          this.pushRun(parts, runStart);
          parts.push(extglob ? this.readExtglob() : this.pattern(this.pos, this.pos + 1));
          if (!extglob) this.pos++;
          runStart = this.pos;
          break;
        }
        case Ch.Tilde: {
          const tildeEnd = this.pos === tildeAt ? this.tildeEnd(assignmentValue) : -1;
          if (tildeEnd === -1) {
            this.pos++;
            break;
          }
          this.pushRun(parts, runStart);
          parts.push({
            kind: 'tilde',
            text: src.slice(this.pos, tildeEnd),
            start: this.pos,
            end: tildeEnd,
          });
          this.pos = tildeEnd;
          runStart = this.pos;
          break;
        }
        case Ch.Equals: {
          const target: ReturnType<typeof assignmentTarget> =
            assignmentAllowed && assignment === null && parts.length === 0
              ? assignmentTarget(src.slice(start, this.pos))
              : null;
          this.pos++;
          if (target) {
            assignment = { ...target, start };
            start = this.pos;
            runStart = this.pos;
            tildeAt = this.pos;
            assignmentValue = true;
            patternCandidates = false;
          }
          break;
        }
        case Ch.Colon:
          this.pos++;
          if (assignmentValue) tildeAt = this.pos;
          break;
        default:
          // `{` and `[`: a brace expansion or bracket expression may follow; checked once the word is complete.
          patternCandidates = true;
          this.pos++;
      }
    }
    this.pushRun(parts, runStart);
    this.assignment = assignment;
    if (this.pos === start && assignment === null) return null;
    return this.finishWord(parts, start, this.pos, patternCandidates && !assignmentValue);
  }

  protected finishWord(parts: WordPart[], start: number, end: number, findPatterns: boolean): Word {
    const finalParts = findPatterns ? markPatterns(parts) : parts;
    let text = '';
    let quoted = false;
    let dynamic = false;
    let glob = false;
    for (const part of finalParts) {
      text += part.text;
      switch (part.kind) {
        case 'literal':
          if (part.quoting !== 'none') quoted = true;
          break;
        case 'tilde':
          break;
        case 'pattern':
          glob = true;
          dynamic = true;
          break;
        case 'process-substitution':
          dynamic = true;
          break;
        default:
          dynamic = true;
          if (part.quoted) quoted = true;
      }
    }
    return { text, quoted, dynamic, glob, start, end, parts: finalParts };
  }

  /** Pushes the unquoted characters from `runStart` to `pos` as a literal part. */
  private pushRun(parts: WordPart[], runStart: number): void {
    if (this.pos > runStart) {
      parts.push(this.literal(this.src.slice(runStart, this.pos), 'none', runStart, this.pos));
    }
  }

  protected literal(
    text: string,
    quoting: Quoting,
    start: number,
    end = start + text.length,
  ): Literal {
    return { kind: 'literal', text, quoting, start, end };
  }

  private pattern(start: number, end: number): WordPart {
    return { kind: 'pattern', text: this.src.slice(start, end), start, end };
  }

  /** 2 for a surrogate pair, so an escaped astral character stays whole. */
  private charWidth(at: number): number {
    const code = this.src.charCodeAt(at);
    return code >= 0xd800 && code <= 0xdbff && at + 1 < this.end ? 2 : 1;
  }

  /** End of a tilde prefix at `pos` (`~`, `~user`, `~+`), or -1 when the `~` is literal. */
  private tildeEnd(inAssignment: boolean): number {
    let at = this.pos + 1;
    while (at < this.end) {
      const code = this.src.charCodeAt(at);
      if (!isNameChar(code) && code !== Ch.Minus && code !== Ch.Plus && code !== Ch.Dot) break;
      at++;
    }
    const next = this.charAt(at);
    const ends =
      next === -1 ||
      next === Ch.Slash ||
      charClass(next) === BREAK ||
      (inAssignment && next === Ch.Colon);
    return ends ? at : -1;
  }

  /** `"…"` at `pos`. */
  protected readDoubleQuoted(parts: WordPart[]): void {
    const open = this.pos;
    this.pos++;
    const before = parts.length;
    this.readQuotedContent(parts, Ch.DoubleQuote, 'double', open);
    if (parts.length === before) parts.push(this.literal('', 'double', open + 1, open + 1));
  }

  /**
   * Reads double-quote style content (backslash escapes only `$ \` " \\` and newline;
   * parameters and substitutions expand) up to `closer`, or to `end` when closer is -1
   * (an unquoted heredoc body).
   */
  protected readQuotedContent(
    parts: WordPart[],
    closer: number,
    quoting: Quoting,
    open: number,
  ): void {
    const src = this.src;
    let runStart = this.pos;
    const flush = () => {
      if (this.pos > runStart)
        parts.push(this.literal(src.slice(runStart, this.pos), quoting, runStart, this.pos));
    };
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      if (c === closer) {
        flush();
        this.pos++;
        return;
      }
      if (c === Ch.Backslash) {
        const next = this.charAt(this.pos + 1);
        const escapes =
          next === Ch.Dollar ||
          next === Ch.Backquote ||
          next === Ch.Backslash ||
          next === Ch.Newline ||
          (next === closer && closer !== -1);
        if (!escapes) {
          this.pos += 2;
          continue;
        }
        flush();
        if (next !== Ch.Newline)
          parts.push(this.literal(String.fromCharCode(next), quoting, this.pos, this.pos + 2));
        this.pos += 2;
        runStart = this.pos;
      } else if (c === Ch.Dollar) {
        flush();
        parts.push(this.readDollar(true));
        runStart = this.pos;
      } else if (c === Ch.Backquote) {
        flush();
        parts.push(this.readBackquoted(true));
        runStart = this.pos;
      } else {
        this.pos++;
      }
    }
    if (this.pos > this.end) this.pos = this.end;
    if (closer !== -1) this.fail('unterminated_quote', 'unterminated double quote', open);
    flush();
  }

  /** `$'…'` at `pos`. */
  private readAnsiC(): WordPart {
    const open = this.pos;
    let at = this.pos + 2;
    while (at < this.end) {
      const code = this.src.charCodeAt(at);
      if (code === Ch.Backslash) at += 2;
      else if (code === Ch.SingleQuote) break;
      else at++;
    }
    if (at >= this.end) this.fail('unterminated_quote', "unterminated $'…' string", open);
    this.pos = at + 1;
    return this.literal(decodeAnsiC(this.src.slice(open + 2, at)), 'ansi-c', open + 2, at);
  }

  /** An expansion starting with `$` at `pos`; a lone `$` is a literal. */
  protected readDollar(quoted: boolean): WordPart {
    const at = this.pos;
    const next = this.charAt(at + 1);
    if (next === Ch.OpenParen) {
      if (this.charAt(at + 2) === Ch.OpenParen) {
        const arithmetic = this.tryArithmetic(at, 3);
        if (arithmetic)
          return { kind: 'arithmetic', text: arithmetic, quoted, start: at, end: this.pos };
      }
      return this.readSubstitution('command-substitution', quoted);
    }
    if (next === Ch.OpenBrace) return this.readBracedParameter(quoted);
    let nameEnd = at + 1;
    if (isNameStart(next)) {
      while (nameEnd < this.end && isNameChar(this.src.charCodeAt(nameEnd))) nameEnd++;
    } else if (
      isDigit(next) ||
      (next !== -1 && SPECIAL_PARAMETERS.includes(String.fromCharCode(next)))
    ) {
      nameEnd++;
    } else {
      this.pos++;
      return this.literal('$', quoted ? 'double' : 'none', at);
    }
    this.pos = nameEnd;
    const text = this.src.slice(at, nameEnd);
    return {
      kind: 'parameter',
      name: text.slice(1),
      text,
      plain: true,
      quoted,
      start: at,
      end: nameEnd,
    };
  }

  /**
   * Scans `((…))` arithmetic from `at` (`openLength` covers `$((` or `((`). Returns its text, or
   * null (with `pos` and the substitutions found restored) when it is not arithmetic after all,
   * as in `$((cd x) )`, which bash then reads as a command substitution of a subshell.
   */
  protected tryArithmetic(at: number, openLength: number): string | null {
    const found = this.sink.length;
    this.enter(at);
    this.pos = at + openLength;
    let depth = 0;
    while (this.pos < this.end) {
      const c = this.src.charCodeAt(this.pos);
      if (c === Ch.OpenParen) {
        depth++;
      } else if (c === Ch.CloseParen) {
        if (depth === 0) {
          if (this.charAt(this.pos + 1) !== Ch.CloseParen) break;
          this.pos += 2;
          this.leave();
          return this.src.slice(at, this.pos);
        }
        depth--;
      } else if (c === Ch.Backslash) {
        this.pos++;
      } else if (c === Ch.Dollar) {
        this.readDollar(true);
        continue;
      } else if (c === Ch.Backquote) {
        this.readBackquoted(true);
        continue;
      } else if (c === Ch.DoubleQuote) {
        this.readDoubleQuoted([]);
        continue;
      }
      this.pos++;
    }
    this.leave();
    this.pos = at;
    this.sink.length = found;
    return null;
  }

  /** `$(…)`, `<(…)` or `>(…)` at `pos`. */
  private readSubstitution(kind: Substitution['kind'], quoted: boolean): Substitution {
    const at = this.pos;
    const opener = this.src.charCodeAt(at);
    this.enter(at);
    this.pos += 2;
    const body = this.parseSubstitutionBody();
    if (this.charAt(this.pos) !== Ch.CloseParen) {
      this.fail('unterminated_substitution', `unterminated ${this.src.slice(at, at + 2)}…)`, at);
    }
    this.pos++;
    this.leave();
    const text = this.src.slice(at, this.pos);
    const part: Substitution =
      kind === 'command-substitution'
        ? { kind, text, quoted, commands: [], start: at, end: this.pos }
        : {
            kind,
            text,
            direction: opener === Ch.Less ? 'input' : 'output',
            commands: [],
            start: at,
            end: this.pos,
          };
    this.sink.push({ part, body, script: this.script });
    return part;
  }

  /** A backquoted command at `pos`. Its body is re-read after the escapes of the outer level are removed. */
  private readBackquoted(quoted: boolean): Substitution {
    const at = this.pos;
    let close = at + 1;
    let escaped = false;
    while (close < this.end) {
      const code = this.src.charCodeAt(close);
      if (code === Ch.Backquote) break;
      if (code === Ch.Backslash) {
        escaped = true;
        close++;
      }
      close++;
    }
    if (close >= this.end) this.fail('unterminated_substitution', 'unterminated backquote', at);
    this.enter(at);
    let body: ListNode;
    let script = this.script;
    if (escaped) {
      const text = unescapeBackquoted(this.src.slice(at + 1, close), quoted);
      script = this.session.scripts.push(text) - 1;
      try {
        body = this.parseSeparately(text, script, 0, text.length);
      } catch (error) {
        if (!(error instanceof ShellSyntaxError)) throw error;
        throw new ShellSyntaxError(error.code, `in backquotes: ${error.message}`, at);
      }
    } else {
      body = this.parseSeparately(this.src, script, at + 1, close);
    }
    this.leave();
    this.pos = close + 1;
    const part: Substitution = {
      kind: 'command-substitution',
      text: this.src.slice(at, this.pos),
      quoted,
      commands: [],
      start: at,
      end: this.pos,
    };
    this.sink.push({ part, body, script });
    return part;
  }

  /** `${…}` at `pos`: the name, then everything to the matching `}` (substitutions inside are collected). */
  private readBracedParameter(quoted: boolean): WordPart {
    const at = this.pos;
    this.enter(at);
    this.pos += 2;
    let prefixed = false;
    const first = this.charAt(this.pos);
    if ((first === Ch.Hash || first === Ch.Bang) && this.charAt(this.pos + 1) !== Ch.CloseBrace) {
      prefixed = true;
      this.pos++;
    }
    const nameStart = this.pos;
    const c = this.charAt(this.pos);
    if (isNameStart(c)) {
      while (this.pos < this.end && isNameChar(this.src.charCodeAt(this.pos))) this.pos++;
    } else if (isDigit(c)) {
      while (this.pos < this.end && isDigit(this.src.charCodeAt(this.pos))) this.pos++;
    } else if (c !== -1 && SPECIAL_PARAMETERS.includes(String.fromCharCode(c))) {
      this.pos++;
    }
    const name = this.src.slice(nameStart, this.pos);
    if (name === '')
      this.fail('bad_substitution', 'bad substitution: a parameter expansion without a name', at);
    const plain = !prefixed && this.charAt(this.pos) === Ch.CloseBrace;
    let depth = 0;
    while (this.pos < this.end) {
      const code = this.src.charCodeAt(this.pos);
      if (code === Ch.CloseBrace) {
        this.pos++;
        if (depth === 0) {
          this.leave();
          const text = this.src.slice(at, this.pos);
          return { kind: 'parameter', name, text, plain, quoted, start: at, end: this.pos };
        }
        depth--;
      } else if (code === Ch.OpenBrace) {
        depth++;
        this.pos++;
      } else if (code === Ch.Backslash) {
        this.pos += 2;
      } else if (code === Ch.SingleQuote && !quoted) {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close === -1 || close >= this.end)
          this.fail('unterminated_quote', 'unterminated single quote');
        this.pos = close + 1;
      } else if (code === Ch.DoubleQuote) {
        this.readDoubleQuoted([]);
      } else if (code === Ch.Dollar) {
        this.readDollar(true);
      } else if (code === Ch.Backquote) {
        this.readBackquoted(true);
      } else {
        this.pos++;
      }
    }
    return this.fail('unterminated_substitution', 'unterminated ${', at);
  }

  /** An extglob `@(…)` (or `*(`, `+(`, `?(`, `!(`) at `pos`. */
  private readExtglob(): WordPart {
    const at = this.pos;
    this.pos += 2;
    let depth = 1;
    while (this.pos < this.end) {
      const code = this.src.charCodeAt(this.pos);
      if (code === Ch.Backslash) {
        this.pos += 2;
        continue;
      }
      if (code === Ch.SingleQuote || code === Ch.DoubleQuote) {
        const close = this.src.indexOf(String.fromCharCode(code), this.pos + 1);
        if (close === -1 || close >= this.end) break;
        this.pos = close + 1;
        continue;
      }
      this.pos++;
      if (code === Ch.OpenParen) depth++;
      else if (code === Ch.CloseParen && --depth === 0) return this.pattern(at, this.pos);
      else if (code === Ch.Newline) break;
    }
    return this.fail('unbalanced', 'unterminated pattern group', at);
  }
}
