import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { CONFIG_FILE_NAME } from './bridge-config.js';
import { ConfigError } from './config-error.js';
import { typeName } from './describe-value.js';

export interface ConfigFile {
  /** Absolute path of the file. */
  file: string;
  /** The top-level mapping, without keys whose value is empty (null): those count as not set. */
  document: Record<string, unknown>;
}

/** Reads and parses lighthouse.yaml in the project root; null when there is no such file. */
export function readConfigFile(projectRoot: string): ConfigFile | null {
  const file = path.join(projectRoot, CONFIG_FILE_NAME);
  const text = readText(file);
  if (text === null) return null;
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, prettyErrors: false });
  const [error] = parsed.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    throw new ConfigError(null, file, `${file}:${line}:${col}: ${error.message}`);
  }
  const top: unknown = parsed.toJS();
  if (top === null || top === undefined) return { file, document: {} };
  if (typeName(top) !== 'mapping') {
    throw new ConfigError(
      null,
      file,
      `${file}: the top level must be a mapping, got a ${typeName(top)}`,
    );
  }
  const document = Object.fromEntries(
    Object.entries(top as Record<string, unknown>).filter(([, value]) => value !== null),
  );
  return { file, document };
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new ConfigError(null, file, `${file}: cannot be read (${code ?? String(error)})`);
  }
}
