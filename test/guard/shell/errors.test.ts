import { describe, expect, it } from 'vitest';
import { parseShell, type ShellErrorCode } from '../../../src/guard/shell/index.js';

describe('input the guard cannot understand', () => {
  it.each<[string, ShellErrorCode, number]>([
    ['echo "abc', 'unterminated_quote', 5],
    ["echo 'abc", 'unterminated_quote', 5],
    ["echo $'abc", 'unterminated_quote', 5],
    ['echo "$(ls"', 'unterminated_quote', 10],
    ['echo $(ls', 'unterminated_substitution', 5],
    ['echo `ls', 'unterminated_substitution', 5],
    ['echo ${HOME', 'unterminated_substitution', 5],
    [`echo \${}`, 'bad_substitution', 5],
    ['echo @(a', 'unbalanced', 5],
    ['(ls', 'unbalanced', 3],
    ['ls)', 'unbalanced', 2],
    ['{ ls; ', 'unbalanced', 6],
    ['{ ls }', 'unbalanced', 6],
    ['if true; then ls', 'unbalanced', 16],
    ['while true; do ls', 'unbalanced', 17],
    ['case x in a) ls', 'unbalanced', 15],
    ['[[ -f x', 'unbalanced', 7],
    ['x=(a b', 'unbalanced', 2],
    ['cat <<EOF\nno end', 'missing_heredoc_terminator', 4],
    ['cat <<EOF', 'missing_heredoc_terminator', 4],
    ['echo $(cat <<EOF)', 'missing_heredoc_terminator', 11],
    ['ls >', 'missing_redirect_target', 3],
    ['ls 2>&', 'missing_redirect_target', 3],
    ['| ls', 'unexpected_token', 0],
    ['ls |', 'unexpected_token', 4],
    ['ls && ', 'unexpected_token', 6],
    ['; ls', 'unexpected_token', 0],
    ['ls ;; x', 'unexpected_token', 3],
    ['fi', 'unexpected_token', 0],
    ['then ls', 'unexpected_token', 0],
    ['if then; fi', 'unexpected_token', 3],
    ['{ }', 'unexpected_token', 2],
    ['( )', 'unexpected_token', 2],
    ['echo a (b)', 'unexpected_token', 7],
    ['f() echo', 'unexpected_token', 8],
  ])('%j → %s', (source, code, offset) => {
    const parsed = parseShell(source);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe(code);
      expect(parsed.error.offset).toBe(offset);
      expect(parsed.error.message.length).toBeGreaterThan(5);
    }
  });

  it('refuses nesting deep enough to matter for the stack', () => {
    const deep = `${'$('.repeat(150)}ls${')'.repeat(150)}`;
    expect(parseShell(`echo ${deep}`)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'too_deep' }),
    });
    expect(parseShell(`${'('.repeat(5000)}`)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'too_deep' }),
    });
  });

  it('still accepts ordinary nesting', () => {
    expect(parseShell(`echo ${'$('.repeat(20)}ls${')'.repeat(20)}`).ok).toBe(true);
  });

  it('rejects a bad depth limit', () => {
    expect(() => parseShell('ls', { maxDepth: -1 })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => parseShell('ls', { maxDepth: 1.5 })).toThrow(/maxDepth/);
  });
});
