const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** Reads up to `max` characters of `digits` from `at`; returns the end index. */
function scanDigits(text: string, at: number, max: number, octal: boolean): number {
  let end = at;
  while (end < text.length && end - at < max) {
    const code = text.charCodeAt(end);
    if (octal ? code < 48 || code > 55 : !isHex(code)) break;
    end++;
  }
  return end;
}

/** Decodes the content of a `$'…'` string (bash's escapes: \n, \xHH, \0NNN, \uHHHH, \cX …). */
export function decodeAnsiC(text: string): string {
  if (!text.includes('\\')) return text;
  const out: string[] = [];
  let i = 0;
  let run = 0;
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    if (slash === -1 || slash === text.length - 1) break;
    out.push(text.slice(run, slash));
    const letter = text.charAt(slash + 1);
    let next = slash + 2;
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) {
      out.push(simple);
    } else if (letter === 'x' || letter === 'u' || letter === 'U') {
      const end = scanDigits(text, next, letter === 'x' ? 2 : letter === 'u' ? 4 : 8, false);
      if (end === next) {
        out.push(`\\${letter}`);
      } else {
        out.push(
          String.fromCodePoint(Math.min(Number.parseInt(text.slice(next, end), 16), 0x10ffff)),
        );
        next = end;
      }
    } else if (letter >= '0' && letter <= '7') {
      const end = scanDigits(text, slash + 1, 3, true);
      out.push(String.fromCharCode(Number.parseInt(text.slice(slash + 1, end), 8) & 0xff));
      next = end;
    } else if (letter === 'c' && next < text.length) {
      out.push(String.fromCharCode(text.charCodeAt(next) & 0x1f));
      next++;
    } else {
      out.push(`\\${letter}`);
    }
    i = next;
    run = next;
  }
  out.push(text.slice(run));
  return out.join('');
}
