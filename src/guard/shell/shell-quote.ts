const SAFE = /^[A-Za-z0-9_./:=,@%+-]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what needs $'…'
const NEEDS_ANSI_C = /['\x00-\x1f\x7f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: see above
const ANSI_C_ESCAPES = /[\\'\x00-\x1f\x7f]/g;

function ansiCEscape(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case "'":
      return "\\'";
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    default:
      return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  }
}

/**
 * `text` as one shell word that means exactly `text`, on one line: bare when it holds only
 * characters that are never special (unless `alwaysQuote`), `'…'` otherwise, `$'…'` when it
 * holds `'` or control characters.
 */
export function quoteShellWord(text: string, alwaysQuote = false): string {
  if (!alwaysQuote && SAFE.test(text)) return text;
  if (NEEDS_ANSI_C.test(text)) return `$'${text.replace(ANSI_C_ESCAPES, ansiCEscape)}'`;
  return `'${text}'`;
}
