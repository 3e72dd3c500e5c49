/** Character classes of unquoted shell text, looked up by char code (ASCII only; the rest is PLAIN). */

/** An ordinary word character. */
export const PLAIN = 0;
/** Ends a word: blanks, newline and the metacharacters `; & | < > ( )`. */
export const BREAK = 1;
/** Starts quoting or an expansion, or is pattern syntax: handled one by one. */
export const SPECIAL = 2;

const table = new Uint8Array(128);
for (const c of ' \t\n;&|<>()') table[c.charCodeAt(0)] = BREAK;
for (const c of '\\\'"$`*?+@!~=:{[') table[c.charCodeAt(0)] = SPECIAL;

export function charClass(code: number): number {
  return code < 128 ? (table[code] as number) : PLAIN;
}

export enum Ch {
  Tab = 9,
  Newline = 10,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Hash = 35,
  Dollar = 36,
  Ampersand = 38,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  Nine = 57,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  At = 64,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backquote = 96,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

export function isBlank(code: number): boolean {
  return code === Ch.Space || code === Ch.Tab;
}

export function isDigit(code: number): boolean {
  return code >= Ch.Zero && code <= Ch.Nine;
}

export function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === Ch.Underscore;
}

export function isNameChar(code: number): boolean {
  return isNameStart(code) || isDigit(code);
}

/** A valid shell variable name. */
export function isName(text: string): boolean {
  if (text.length === 0 || !isNameStart(text.charCodeAt(0))) return false;
  for (let i = 1; i < text.length; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}
