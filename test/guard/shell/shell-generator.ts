/** Random bash command lines from a small grammar, for differential tests against another parser. */

const NAMES = [
  'echo',
  'ls',
  'grep',
  'cat',
  'touch',
  'printf',
  'git',
  'npm',
  'rm',
  'cp',
  'mkdir',
  'head',
];
const PLAIN = [
  'a',
  'foo',
  'bar.txt',
  '-rf',
  '--force',
  '--name=x',
  '/tmp/a',
  '*.ts',
  'a,b',
  '{a,b}',
  '@x',
  '1',
  'x:y',
  'a+b',
  '%s',
  '~/x',
  'a?b',
  '[ab]c',
];
const SINGLE_CONTENT = ['a b', '$HOME', 'x"y', 'a\\b', ';|&', '', ' ', '$(rm -rf /)', '*', '#x'];
const DOUBLE_PIECES = [
  'a b',
  '\\"',
  '\\\\',
  '\\$x',
  "it's",
  ';|&',
  '$HOME',
  `\${HOME}`,
  '$1',
  '\\`',
  '#',
  '*',
];
const VARIABLES = ['$HOME', `\${HOME}`, '$1', '$@', `\${x:-y}`, '$?', '$$'];
const ANSI = ["$'a\\nb'", "$'tab\\there'", "$'q\\'s'", "$'x\\\\y'"];
const ESCAPED = ['\\;', '\\ ', '\\$x', "\\'", '\\"', '\\|', '\\&', '\\>'];
const REDIRECTS = [
  '> out',
  '>> log.txt',
  '2>&1',
  '< in.txt',
  '2>/dev/null',
  '&> all',
  '>|f',
  '<<< word',
  '1>&2',
];

export class ShellGenerator {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1), deterministic from the seed (mulberry32). */
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.next() < p;
  }

  private piece(depth: number): string {
    const roll = this.next();
    if (roll < 0.3) return this.pick(PLAIN);
    if (roll < 0.45) return `'${this.pick(SINGLE_CONTENT)}'`;
    if (roll < 0.6) {
      const pieces = Array.from({ length: 1 + Math.floor(this.next() * 3) }, () =>
        depth < 2 && this.chance(0.15) ? this.substitution(depth) : this.pick(DOUBLE_PIECES),
      );
      return `"${pieces.join('')}"`;
    }
    if (roll < 0.7) return this.pick(VARIABLES);
    if (roll < 0.78) return this.pick(ESCAPED);
    if (roll < 0.85) return this.pick(ANSI);
    if (roll < 0.92 && depth < 2) return this.substitution(depth);
    if (roll < 0.96 && depth < 2) return `\`${this.pick(NAMES)} ${this.pick(PLAIN)}\``;
    return `$((1 + ${this.pick(['2', '$x', 'y'])}))`;
  }

  /** `$(…)`; a space keeps a leading subshell from reading as `$((` arithmetic. */
  private substitution(depth: number): string {
    const inner = this.list(depth + 1);
    return inner.startsWith('(') ? `$( ${inner})` : `$(${inner})`;
  }

  /** One word: one to three pieces written together. */
  word(depth: number): string {
    const count = this.chance(0.7) ? 1 : 2 + Math.floor(this.next() * 2);
    let word = '';
    for (let i = 0; i < count; i++) {
      const piece = this.piece(depth);
      // `~` only expands at the start; a bare piece after a `$name` would extend the name.
      word += i > 0 && piece.startsWith('~') ? piece.slice(1) : piece;
      if (/\$[A-Za-z_]\w*$|\$\d$/.test(word) && i < count - 1) word += "''";
    }
    return word;
  }

  private simple(depth: number): string {
    const parts: string[] = [];
    if (this.chance(0.15)) parts.push(`A${Math.floor(this.next() * 3)}=${this.word(depth)}`);
    parts.push(this.chance(0.9) ? this.pick(NAMES) : `'${this.pick(NAMES)}'`);
    const args = Math.floor(this.next() * 5);
    for (let i = 0; i < args; i++) parts.push(this.word(depth));
    if (this.chance(0.3)) parts.push(this.pick(REDIRECTS));
    if (this.chance(0.1)) parts.push(`> ${this.word(depth)}`);
    return parts.join(this.chance(0.1) ? '  ' : ' ');
  }

  private command(depth: number): string {
    if (depth >= 1 || this.chance(0.75)) return this.simple(depth);
    const inner = () => this.list(depth + 1);
    switch (Math.floor(this.next() * 8)) {
      case 0:
        return `( ${inner()} )`;
      case 1:
        return `{ ${inner()}; }`;
      case 2:
        return `if ${inner()}; then ${inner()}; else ${inner()}; fi`;
      case 3:
        return `while ${inner()}; do ${inner()}; done`;
      case 4:
        return `for v in ${this.word(depth)} ${this.word(depth)}; do ${inner()}; done`;
      case 5:
        return `case ${this.word(depth)} in a|b) ${inner()};; *) ${inner()};; esac`;
      case 6:
        return `fn${Math.floor(this.next() * 3)}() { ${inner()}; }`;
      default:
        return `fn${Math.floor(this.next() * 3)}`;
    }
  }

  private pipeline(depth: number): string {
    const commands = [this.command(depth)];
    while (commands.length < 4 && this.chance(0.25)) commands.push(this.command(depth));
    return commands.join(this.chance(0.8) ? ' | ' : ' |& ');
  }

  private andOr(depth: number): string {
    let text = this.pipeline(depth);
    while (this.chance(0.25))
      text += `${this.pick([' && ', ' || ', ' &&\n'])}${this.pipeline(depth)}`;
    return text;
  }

  /** A heredoc statement; its body lines hold shell syntax that must stay data. */
  private heredoc(): string {
    const quoted = this.chance(0.5);
    const body = `${this.pick(SINGLE_CONTENT)} $HOME\nrm -rf / ; echo \`x\``;
    return `${this.pick(NAMES)} ${this.word(2)} <<${quoted ? "'EOF'" : 'EOF'}\n${body}\nEOF\n`;
  }

  list(depth = 0): string {
    let text = this.andOr(depth);
    while (this.chance(0.3)) {
      const separator = this.pick(['; ', ' & ', '\n', ';\n', ' # a comment; rm -rf /\n']);
      text +=
        depth === 0 && this.chance(0.1)
          ? `\n${this.heredoc()}${this.andOr(depth)}`
          : `${separator}${this.andOr(depth)}`;
    }
    return text;
  }
}
