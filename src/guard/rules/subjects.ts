import type { Access } from './rule-types.js';

/** A path a call reads, writes or deletes: from a file tool's input or a shell command. */
export interface PathEffect {
  access: Access;
  /** Absolute and normalized. */
  path: string;
  source: 'tool' | 'shell';
  /** The tool name; shell commands count as Bash. */
  tool: string;
  /** Text the call writes there, when known (Write content, Edit new_string…). */
  contents?: readonly string[];
  /** For shell effects: the command and the word naming the path. */
  command?: { index: number; rendered: string; word: string };
}

export interface WebSubject {
  tool: string;
  /** Parsed WebFetch URL; null for WebSearch. */
  url: URL | null;
  query: string | null;
}

export interface McpSubject {
  server: string;
  tool: string;
  /** Every string found in the input, for content conditions. */
  strings: readonly string[];
}
