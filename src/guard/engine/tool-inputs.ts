import path from 'node:path';
import { globScope, type Locations, resolveToolPath } from '../paths/locations.js';
import type { PathEffect, WebSubject } from '../rules/subjects.js';
import type { CallSubject } from './normalize-call.js';

/**
 * The tool inputs Claude Code sends, read field by field: each known tool's input becomes what
 * the rules judge (paths resolved, the written text kept) and the fields that go into the cache
 * key and the audit. A field of the wrong shape is an InputProblem, never an exception out of
 * the guard.
 */

export type Input = Record<string, unknown>;

export type Normalizer = (
  input: Input,
  tool: string,
  at: Locations,
) => { subject: CallSubject; fields: Input };

export class InputProblem extends Error {}

function text(input: Input, field: string, optional?: false): string;
function text(input: Input, field: string, optional: true): string | undefined;
function text(input: Input, field: string, optional = false): string | undefined {
  const value = input[field];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') {
    throw new InputProblem(
      `${field} must be a string, got ${value === undefined ? 'nothing' : typeof value}`,
    );
  }
  return value;
}

function filePath(input: Input, field: string, at: Locations): string {
  const raw = text(input, field);
  if (raw.trim() === '') throw new InputProblem(`${field} must not be empty`);
  return resolveToolPath(raw, at);
}

function fileEffect(
  tool: string,
  access: PathEffect['access'],
  file: string,
  contents?: string[],
): CallSubject {
  const effect: PathEffect = { access, path: file, source: 'tool', tool };
  if (contents) effect.contents = contents;
  return { kind: 'file', effects: [effect] };
}

const write: Normalizer = (input, tool, at) => {
  const file = filePath(input, 'file_path', at);
  const content = text(input, 'content');
  return {
    subject: fileEffect(tool, 'write', file, [content]),
    fields: { file_path: file, content },
  };
};

const edit: Normalizer = (input, tool, at) => {
  const file = filePath(input, 'file_path', at);
  const fields = {
    file_path: file,
    old_string: text(input, 'old_string'),
    new_string: text(input, 'new_string'),
    replace_all: input.replace_all === true,
  };
  return { subject: fileEffect(tool, 'write', file, [fields.new_string]), fields };
};

const multiEdit: Normalizer = (input, tool, at) => {
  const file = filePath(input, 'file_path', at);
  if (!Array.isArray(input.edits) || input.edits.length === 0) {
    throw new InputProblem('edits must be a non-empty list');
  }
  const edits = input.edits.map((item: unknown, index) => {
    if (typeof item !== 'object' || item === null)
      throw new InputProblem(`edits[${index}] must be an object`);
    const entry = item as Input;
    return {
      old_string: text(entry, 'old_string'),
      new_string: text(entry, 'new_string'),
      replace_all: entry.replace_all === true,
    };
  });
  const contents = edits.map((entry) => entry.new_string);
  return { subject: fileEffect(tool, 'write', file, contents), fields: { file_path: file, edits } };
};

const notebookEdit: Normalizer = (input, tool, at) => {
  const file = filePath(input, 'notebook_path', at);
  const deleting = input.edit_mode === 'delete';
  const source = text(input, 'new_source', deleting as true);
  const fields: Input = {
    notebook_path: file,
    edit_mode: input.edit_mode ?? 'replace',
    cell_id: input.cell_id ?? null,
  };
  if (source !== undefined) fields.new_source = source;
  return { subject: fileEffect(tool, 'write', file, source === undefined ? [] : [source]), fields };
};

const readFile =
  (field: string): Normalizer =>
  (input, tool, at) => {
    const file = filePath(input, field, at);
    return { subject: fileEffect(tool, 'read', file), fields: { [field]: file } };
  };

const glob: Normalizer = (input, tool, at) => {
  const pattern = text(input, 'pattern');
  const base = text(input, 'path', true);
  const root = base === undefined || base === '' ? at.cwd : resolveToolPath(base, at);
  const scope = path.posix.resolve(root, globScope(resolveHomeGlob(pattern, at)));
  return { subject: fileEffect(tool, 'read', scope), fields: { pattern, path: root } };
};

function resolveHomeGlob(pattern: string, at: Locations): string {
  return pattern === '~' || pattern.startsWith('~/') ? `${at.home}${pattern.slice(1)}` : pattern;
}

const grep: Normalizer = (input, tool, at) => {
  const pattern = text(input, 'pattern');
  const base = text(input, 'path', true);
  const root = base === undefined || base === '' ? at.cwd : resolveToolPath(base, at);
  return {
    subject: fileEffect(tool, 'read', root),
    fields: { pattern, path: root, glob: input.glob ?? null },
  };
};

const webFetch: Normalizer = (input, tool) => {
  const raw = text(input, 'url');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputProblem('url must be an absolute URL');
  }
  const subject: WebSubject = { tool, url, query: null };
  return { subject: { kind: 'web', subject }, fields: { url: url.href } };
};

const webSearch: Normalizer = (input, tool) => {
  const query = text(input, 'query');
  return { subject: { kind: 'web', subject: { tool, url: null, query } }, fields: { query } };
};

const bash: Normalizer = (input) => {
  const command = text(input, 'command');
  if (command.trim() === '') throw new InputProblem('command must not be empty');
  return { subject: { kind: 'shell', command }, fields: { command } };
};

export const NORMALIZERS: Record<string, Normalizer> = {
  Bash: bash,
  Write: write,
  Edit: edit,
  MultiEdit: multiEdit,
  NotebookEdit: notebookEdit,
  Read: readFile('file_path'),
  NotebookRead: readFile('notebook_path'),
  LS: readFile('path'),
  Glob: glob,
  Grep: grep,
  WebFetch: webFetch,
  WebSearch: webSearch,
};
