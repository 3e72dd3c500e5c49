import { describe, expect, it } from 'vitest';
import { parseShell } from '../../../src/guard/shell/index.js';
import { ShellGenerator } from './shell-generator.js';

const ALPHABET = [
  ...'ab \t\n;&|<>()[]{}$`\'"\\#*?~=:,.!@+-/0123',
  '$(',
  '${',
  '$((',
  '<<',
  '<<-',
  '<<<',
  'EOF',
  '\nEOF\n',
  'if ',
  ' then ',
  ' fi',
  'case ',
  ' in ',
  ';;',
  ' esac',
  'for ',
  ' do ',
  ' done',
  '{ ',
  ' }',
  '[[ ',
  ' ]]',
  'bash -c ',
  'eval ',
  'sudo ',
  'python3 -c ',
  'find . -exec ',
  'xargs ',
  'os.system("',
  'cd ',
];

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('any input gets an answer', () => {
  it('never throws on random fragments of shell syntax', () => {
    const next = random(99);
    for (let i = 0; i < 5000; i++) {
      let source = '';
      const length = Math.floor(next() * 40);
      for (let k = 0; k < length; k++) source += ALPHABET[Math.floor(next() * ALPHABET.length)];
      const parsed = parseShell(source);
      expect(typeof parsed.ok, source).toBe('boolean');
      if (!parsed.ok) {
        expect(parsed.error.offset, source).toBeGreaterThanOrEqual(0);
        expect(parsed.error.offset, source).toBeLessThanOrEqual(source.length);
      }
    }
  });

  it('never throws on truncated valid command lines', () => {
    const generator = new ShellGenerator(5);
    for (let i = 0; i < 200; i++) {
      const source = generator.list();
      for (let cut = 0; cut < source.length; cut += 7) {
        expect(typeof parseShell(source.slice(0, cut)).ok).toBe('boolean');
      }
    }
  });

  it('keeps every offset inside its script', () => {
    const generator = new ShellGenerator(11);
    for (let i = 0; i < 200; i++) {
      const parsed = parseShell(generator.list());
      if (!parsed.ok) continue;
      for (const command of parsed.commands) {
        const script = parsed.scripts[command.script] as string;
        for (const word of [...command.prefixWords, ...command.argv]) {
          expect(word.start).toBeGreaterThanOrEqual(0);
          expect(word.end).toBeLessThanOrEqual(script.length);
          expect(word.start).toBeLessThanOrEqual(word.end);
        }
      }
    }
  });
});
