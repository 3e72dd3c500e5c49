import type { GuardCase } from './case.js';
import { HOME, PROJECT } from './case.js';

/** Write, Edit, Read and friends: judged by the path they touch. */
export const fileToolCases: GuardCase[] = [
  // writing outside the project
  {
    tool: 'Write',
    input: { file_path: `${HOME}/notes.txt`, content: 'x' },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  {
    tool: 'Write',
    input: { file_path: '/home/dev/work/other/src/a.ts', content: 'x' },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  {
    tool: 'Edit',
    input: { file_path: '../other/README.md', old_string: 'a', new_string: 'b' },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  {
    tool: 'Write',
    input: { file_path: '~/bin/tool', content: '#!/bin/sh\n' },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  {
    tool: 'MultiEdit',
    input: { file_path: `${HOME}/.gitconfig`, edits: [{ old_string: 'a', new_string: 'b' }] },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  {
    tool: 'NotebookEdit',
    input: { notebook_path: `${HOME}/nb.ipynb`, new_source: 'print(1)' },
    expect: 'ask',
    rule: 'files.write-outside-project',
  },
  { command: 'echo hi > ~/hello.txt', expect: 'ask', rule: 'files.write-outside-project' },
  { command: 'cp build/tool ~/bin/', expect: 'ask', rule: 'files.write-outside-project' },
  { command: 'touch ../sibling.txt', expect: 'ask', rule: 'files.write-outside-project' },
  { command: 'mkdir -p ~/.config/app', expect: 'ask', rule: 'files.write-outside-project' },
  // protected by the bridge itself
  {
    tool: 'Write',
    input: { file_path: `${PROJECT}/.lighthouse/events.db`, content: '' },
    expect: 'deny',
    rule: 'bridge.data-dir-write',
  },
  { command: 'rm -rf .lighthouse', expect: 'deny', rule: 'bridge.data-dir-write' },
  {
    command: 'sqlite3 .lighthouse/events.db "DELETE FROM events"',
    expect: 'deny',
    rule: 'bridge.data-dir-write',
  },
  { command: 'cat .lighthouse/admin.token', expect: 'deny', rule: 'bridge.secrets-read' },
  {
    tool: 'Read',
    input: { file_path: `${PROJECT}/.lighthouse/secret` },
    expect: 'deny',
    rule: 'bridge.secrets-read',
  },
  {
    tool: 'Write',
    input: { file_path: `${PROJECT}/.lighthouse/policy.yaml`, content: 'profile: permissive\n' },
    expect: 'ask',
    rule: 'bridge.policy-edit',
  },
  {
    tool: 'Edit',
    input: { file_path: `${PROJECT}/lighthouse.yaml`, old_string: 'a', new_string: 'b' },
    expect: 'ask',
    rule: 'bridge.policy-edit',
  },
  {
    tool: 'Write',
    input: { file_path: `${PROJECT}/.claude/settings.json`, content: '{}' },
    expect: 'ask',
    rule: 'bridge.hook-settings',
  },
  { command: 'rm .claude/settings.local.json', expect: 'ask', rule: 'bridge.hook-settings' },
  // inside the project, and reads anywhere ordinary
  {
    tool: 'Write',
    input: { file_path: `${PROJECT}/src/index.ts`, content: 'export {};\n' },
    expect: 'allow',
  },
  {
    tool: 'Write',
    input: { file_path: 'src/relative.ts', content: 'export {};\n' },
    expect: 'allow',
  },
  { tool: 'Write', input: { file_path: '/tmp/scratch.txt', content: 'x' }, expect: 'allow' },
  {
    tool: 'Edit',
    input: { file_path: `${PROJECT}/src/app.ts`, old_string: 'let', new_string: 'const' },
    expect: 'allow',
  },
  {
    tool: 'Edit',
    input: {
      file_path: `${PROJECT}/src/app.ts`,
      old_string: 'a',
      new_string: 'b',
      replace_all: true,
    },
    expect: 'allow',
  },
  {
    tool: 'MultiEdit',
    input: {
      file_path: `${PROJECT}/src/app.ts`,
      edits: [
        { old_string: 'a', new_string: 'b' },
        { old_string: 'c', new_string: 'd' },
      ],
    },
    expect: 'allow',
  },
  {
    tool: 'NotebookEdit',
    input: { notebook_path: `${PROJECT}/analysis.ipynb`, new_source: 'df.head()', cell_id: 'a1' },
    expect: 'allow',
  },
  {
    tool: 'NotebookEdit',
    input: { notebook_path: `${PROJECT}/analysis.ipynb`, edit_mode: 'delete', cell_id: 'a1' },
    expect: 'allow',
  },
  { tool: 'Read', input: { file_path: `${PROJECT}/src/index.ts` }, expect: 'allow' },
  { tool: 'Read', input: { file_path: '/etc/hosts' }, expect: 'allow' },
  {
    tool: 'Read',
    input: { file_path: '/usr/include/stdio.h', offset: 10, limit: 20 },
    expect: 'allow',
  },
  { tool: 'Read', input: { file_path: `${HOME}/.bashrc` }, expect: 'allow' },
  { tool: 'Read', input: { file_path: `${PROJECT}/.lighthouse/policy.yaml` }, expect: 'allow' },
  { tool: 'Glob', input: { pattern: '**/*.ts' }, expect: 'allow' },
  { tool: 'Glob', input: { pattern: 'src/**/*.test.ts', path: PROJECT }, expect: 'allow' },
  { tool: 'Grep', input: { pattern: 'TODO', path: 'src', glob: '*.ts' }, expect: 'allow' },
  { tool: 'Grep', input: { pattern: 'password' }, expect: 'allow' },
  { tool: 'LS', input: { path: PROJECT }, expect: 'allow' },
  { tool: 'LS', input: { path: '/usr/lib' }, expect: 'allow' },
  {
    tool: 'Task',
    input: {
      description: 'Review',
      prompt: 'rm -rf / is bad, check for it',
      subagent_type: 'general-purpose',
    },
    expect: 'allow',
  },
  {
    tool: 'TodoWrite',
    input: { todos: [{ content: 'run git push --force', status: 'pending' }] },
    expect: 'allow',
  },
  // malformed input and unknown tools
  { tool: 'Bash', input: {}, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'Bash', input: { command: 42 }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'Bash', input: { command: '   ' }, expect: 'ask', rule: 'guard.invalid-input' },
  {
    tool: 'Write',
    input: { file_path: 7, content: 'x' },
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
  {
    tool: 'Write',
    input: { file_path: `${PROJECT}/a.ts` },
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
  {
    tool: 'Edit',
    input: { file_path: `${PROJECT}/a.ts`, old_string: 'a' },
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
  {
    tool: 'MultiEdit',
    input: { file_path: `${PROJECT}/a.ts`, edits: 'x' },
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
  {
    tool: 'MultiEdit',
    input: { file_path: `${PROJECT}/a.ts`, edits: [{ old_string: 'a' }] },
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
  { tool: 'Read', input: { file_path: '' }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'Read', input: { file_path: ['a'] }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'WebFetch', input: { url: 'not a url' }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'WebSearch', input: { query: null }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'Grep', input: { path: 'src' }, expect: 'ask', rule: 'guard.invalid-input' },
  { tool: 'Teleport', input: { to: 'mars' }, expect: 'ask', rule: 'guard.unknown-tool' },
  {
    tool: 'mcp__db__query',
    input: 'SELECT 1' as unknown as Record<string, unknown>,
    expect: 'ask',
    rule: 'guard.invalid-input',
  },
];
