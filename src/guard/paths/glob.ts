/**
 * Path globs as rules write them: `*` and `?` stay inside one segment, `**` crosses segments,
 * `{a,b}` picks one of several, `[...]` is a character class. A trailing `/**` also matches the
 * directory itself, so `~/.ssh/**` covers `rm -rf ~/.ssh` as well as the files in it.
 */
export function globToRegExpSource(glob: string): string {
  let source = '';
  let index = 0;
  let braces = 0;
  while (index < glob.length) {
    const char = glob[index] as string;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const atSegmentStart = index === 0 || glob[index - 1] === '/';
        const next = glob[index + 2];
        if (atSegmentStart && next === '/') {
          source += '(?:.*/)?';
          index += 3;
          continue;
        }
        if (atSegmentStart && next === undefined && index > 0) {
          source = `${source.slice(0, -1)}(?:/.*)?`;
          index += 2;
          continue;
        }
        source += '.*';
        index += 2;
        continue;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
      } else {
        const body = glob.slice(index + 1, end).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        index = end;
      }
    } else if (char === '{') {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^$()|\\]/g, '\\$&');
    }
    index += 1;
  }
  if (braces > 0) throw new Error(`unclosed "{" in glob ${JSON.stringify(glob)}`);
  return source;
}

/**
 * A compiled glob over whole strings (names, branches, hosts, words): `*` matches anything here,
 * slashes included; `?` one character; `[...]` a class; `\\` makes the next character literal.
 * An empty list matches nothing.
 */
export function compileNameGlobs(globs: readonly string[], ignoreCase = false): RegExp {
  if (globs.length === 0) return /(?!)/;
  const sources = globs.map((glob) => {
    let source = '';
    for (let index = 0; index < glob.length; index += 1) {
      const char = glob[index] as string;
      const end = char === '[' ? glob.indexOf(']', index + 2) : -1;
      if (char === '\\' && index + 1 < glob.length) {
        index += 1;
        source += (glob[index] as string).replace(/[.*?+^${}()|[\]\\/]/g, '\\$&');
      } else if (char === '*') source += '.*';
      else if (char === '?') source += '.';
      else if (end !== -1) {
        const body = glob.slice(index + 1, end).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        index = end;
      } else source += char.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
    }
    return source;
  });
  return new RegExp(`^(?:${sources.join('|')})$`, ignoreCase ? 'i' : '');
}
