import { isMap, isSeq, LineCounter, type Node, parse, parseDocument } from 'yaml';
import { ConfigError } from '../../config/config-error.js';

export type KeyPath = readonly (string | number)[];

/** A parsed YAML file that can say where a key of it is written. */
export interface YamlText {
  value: unknown;
  /** `file:line:col` of the key's value, or just the file when it cannot be found. */
  locate(path: KeyPath): string;
}

/**
 * Parses YAML; positions are only worked out when a message needs one (the file is parsed again
 * then), since keeping them costs twice the parse on every start.
 */
export function parseYaml(text: string, file: string): YamlText {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: false, logLevel: 'error' });
  } catch {
    throw syntaxError(text, file);
  }
  return { value, locate: (path) => locateIn(text, file, path) };
}

function syntaxError(text: string, file: string): ConfigError {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  const { line, col } = lineCounter.linePos(error?.pos[0] ?? 0);
  return new ConfigError(
    null,
    file,
    `${file}:${line}:${col}: ${error?.message ?? 'not valid YAML'}`,
  );
}

function locateIn(text: string, file: string, path: KeyPath): string {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  let node: unknown = document.contents;
  let found: Node | null = null;
  for (const segment of path) {
    if (!isMap(node) && !isSeq(node)) break;
    const child = node.get(segment, true) as Node | undefined;
    if (!child) break;
    node = child;
    found = child;
  }
  const start = found?.range?.[0] ?? (document.contents as Node | null)?.range?.[0];
  if (start === undefined) return file;
  const { line, col } = lineCounter.linePos(start);
  return `${file}:${line}:${col}`;
}

/** `['rules', 2, 'id']` → `rules[2].id`, as messages about config keys write them. */
export function keyLabel(path: KeyPath): string {
  return path.reduce<string>(
    (label, segment) =>
      typeof segment === 'number'
        ? `${label}[${segment}]`
        : label === ''
          ? segment
          : `${label}.${segment}`,
    '',
  );
}
