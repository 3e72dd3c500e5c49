import type { WordPart } from './types.js';

type Literal = Extract<WordPart, { kind: 'literal' }>;

/** A pattern character found inside an unquoted literal part. */
interface Mark {
  part: number;
  at: number;
  length: number;
}

interface OpenBrace {
  mark: Mark;
  separators: Mark[];
}

function isUnquotedLiteral(part: WordPart | undefined): part is Literal {
  return part?.kind === 'literal' && part.quoting === 'none';
}

/** Finds brace expansions (`{a,b}`, `{1..3}`) and bracket expressions (`[ab]`) across a word's parts in one pass. */
function findMarks(parts: readonly WordPart[]): Mark[] {
  const marks: Mark[] = [];
  const braces: OpenBrace[] = [];
  let bracket: Mark | null = null;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!isUnquotedLiteral(part)) continue;
    const text = part.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      const top = braces[braces.length - 1];
      if (c === '{') {
        braces.push({ mark: { part: p, at: i, length: 1 }, separators: [] });
      } else if (c === ',' && top) {
        top.separators.push({ part: p, at: i, length: 1 });
      } else if (c === '.' && top && text.charAt(i + 1) === '.') {
        top.separators.push({ part: p, at: i, length: 2 });
        i++;
      } else if (c === '}' && top) {
        braces.pop();
        if (top.separators.length > 0) {
          marks.push(top.mark, ...top.separators, { part: p, at: i, length: 1 });
        }
      } else if (c === '[' && !bracket) {
        bracket = { part: p, at: i, length: 1 };
      } else if (c === ']' && bracket && !(bracket.part === p && bracket.at === i - 1)) {
        marks.push(bracket, { part: p, at: i, length: 1 });
        bracket = null;
      }
    }
  }
  return marks.sort((a, b) => a.part - b.part || a.at - b.at);
}

/**
 * Splits pattern syntax (brace expansion, bracket expressions) out of unquoted literal parts
 * into `pattern` parts. Returns the parts unchanged when there is none.
 */
export function markPatterns(parts: WordPart[]): WordPart[] {
  const marks = findMarks(parts);
  if (marks.length === 0) return parts;
  const out: WordPart[] = [];
  let m = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p] as WordPart;
    if (marks[m]?.part !== p || part.kind !== 'literal') {
      out.push(part);
      continue;
    }
    let from = 0;
    const piece = (to: number) => {
      if (to > from) {
        out.push({
          kind: 'literal',
          text: part.text.slice(from, to),
          quoting: 'none',
          start: part.start + from,
          end: part.start + to,
        });
      }
    };
    for (let mark = marks[m]; mark?.part === p; mark = marks[++m]) {
      piece(mark.at);
      out.push({
        kind: 'pattern',
        text: part.text.slice(mark.at, mark.at + mark.length),
        start: part.start + mark.at,
        end: part.start + mark.at + mark.length,
      });
      from = mark.at + mark.length;
    }
    piece(part.text.length);
  }
  return out;
}
