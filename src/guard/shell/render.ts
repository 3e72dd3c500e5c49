import { BASH_RESERVED_WORDS } from './reserved-words.js';
import { quoteShellWord } from './shell-quote.js';
import type { Assignment, Redirect, SimpleCommand, Word } from './types.js';

/** Words that would not be read as a command name if written bare first. */
const LOOKS_LIKE_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const RESERVED = new Set([...BASH_RESERVED_WORDS, 'coproc', '{', '}', '!', '[[', ']]']);

function oneLine(text: string): string {
  return text.includes('\n') ? text.replace(/\n/g, '\\n') : text;
}

/** Safe bare in a word without patterns, when no `,` or `..` could make the braces an expansion. */
const SAFE_WITH_BRACES = /^[A-Za-z0-9_./:=@%+{}-]+$/;

/** Quotes a run of literal characters; next to pattern syntax, `,` and `..` must stay literal too. */
function quoteLiteral(text: string, nearPatterns: boolean): string {
  if (!nearPatterns && !text.includes('..') && SAFE_WITH_BRACES.test(text)) return text;
  return quoteShellWord(text, nearPatterns && (text.includes(',') || text.includes('..')));
}

/**
 * A word written back canonically on one line, meaning what it meant: literal characters
 * bare when safe, else single-quoted (or $'…'); expansions and patterns as written (quoted
 * ones inside "…"); newlines inside expansions shown as `\n`.
 */
export function renderWord(word: Word, commandPosition = false): string {
  let out = '';
  let literal: string | null = null;
  // After a bare `$name`, a literal starting with a name character must stay quoted or it would extend the name.
  let afterBareName = false;
  const flush = () => {
    if (literal === null) return;
    const joinsName = afterBareName && /^[A-Za-z0-9_]/.test(literal);
    out += joinsName ? quoteShellWord(literal, true) : quoteLiteral(literal, word.glob);
    literal = null;
  };
  for (const part of word.parts) {
    if (part.kind === 'literal') {
      literal = (literal ?? '') + part.text;
      continue;
    }
    flush();
    afterBareName = part.kind === 'parameter' && !part.quoted && !part.text.startsWith('${');
    switch (part.kind) {
      case 'tilde':
      case 'pattern':
        out += part.text;
        break;
      case 'process-substitution':
        out += oneLine(part.text);
        break;
      default:
        out += part.quoted ? `"${oneLine(part.text)}"` : oneLine(part.text);
    }
  }
  flush();
  if (out === '') return "''";
  return commandPosition && (LOOKS_LIKE_ASSIGNMENT.test(out) || RESERVED.has(out))
    ? `\\${out}`
    : out;
}

export function renderWords(words: readonly Word[]): string {
  return words.map((word, index) => renderWord(word, index === 0)).join(' ');
}

function renderAssignment(assignment: Assignment): string {
  const value = assignment.array
    ? `(${assignment.array.map((word) => renderWord(word)).join(' ')})`
    : assignment.value && assignment.value.parts.length > 0
      ? renderWord(assignment.value)
      : '';
  return `${assignment.name}${assignment.append ? '+=' : '='}${value}`;
}

/** A heredoc is shown as a here-string of its body, so the rendering stays on one line. */
function renderRedirect(redirect: Redirect): string {
  const fd = redirect.fd === null ? '' : String(redirect.fd);
  if (redirect.heredoc) return `${fd}<<<${renderWord(redirect.heredoc.body)}`;
  return `${fd}${redirect.op}${renderWord(redirect.target)}`;
}

/**
 * A simple command on one line, canonically: its prefix assignments, its words as written
 * (wrappers included), its own redirections. Equal renderings mean equal commands; the
 * context (via, cdBefore, pipeline) is not part of it.
 */
export function renderCommand(command: SimpleCommand): string {
  const pieces: string[] = [];
  for (const assignment of command.assignments) {
    if (!assignment.fromWrapper) pieces.push(renderAssignment(assignment));
  }
  const words = [...command.prefixWords, ...command.argv];
  if (words.length > 0) pieces.push(renderWords(words));
  for (const redirect of command.redirects) {
    if (!redirect.inherited) pieces.push(renderRedirect(redirect));
  }
  return pieces.join(' ');
}
