import type { GuardCase } from './case.js';

const fetch = (url: string): Pick<GuardCase, 'tool' | 'input'> => ({
  tool: 'WebFetch',
  input: { url, prompt: 'Summarize' },
});

/** WebFetch, WebSearch and MCP tools. */
export const webAndMcpCases: GuardCase[] = [
  { ...fetch('file:///etc/passwd'), expect: 'deny', rule: 'web.file-url' },
  {
    ...fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/'),
    expect: 'deny',
    rule: 'web.metadata-endpoint',
  },
  {
    ...fetch('http://metadata.google.internal/computeMetadata/v1/'),
    expect: 'deny',
    rule: 'web.metadata-endpoint',
  },
  { ...fetch('http://[fd00:ec2::254]/latest/'), expect: 'deny', rule: 'web.metadata-endpoint' },
  { ...fetch('http://localhost:8080/admin'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://127.0.0.1:9200/_cat/indices'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://0x7f.0.0.1/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://2130706433/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://10.0.0.5/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://192.168.1.1/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://172.20.0.3:5432/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('http://[::1]:3000/'), expect: 'ask', rule: 'web.local-network' },
  { ...fetch('ftp://ftp.example.com/file.txt'), expect: 'ask', rule: 'web.unusual-scheme' },
  { ...fetch('https://docs.example.com/guide'), expect: 'allow' },
  { ...fetch('https://api.github.com/repos/org/repo'), expect: 'allow' },
  { ...fetch('http://example.com/plain-http'), expect: 'allow' },
  { ...fetch('https://172.15.0.1/'), expect: 'allow' },
  { tool: 'WebSearch', input: { query: 'vitest table driven tests' }, expect: 'allow' },
  { tool: 'WebSearch', input: { query: 'how does rm -rf / work' }, expect: 'allow' },
  {
    tool: 'mcp__github__delete_repository',
    input: { repo: 'org/app' },
    expect: 'ask',
    rule: 'mcp.destructive-tool',
  },
  {
    tool: 'mcp__postgres__drop_table',
    input: { table: 'users' },
    expect: 'ask',
    rule: 'mcp.destructive-tool',
  },
  {
    tool: 'mcp__k8s__DeletePod',
    input: { name: 'web' },
    expect: 'ask',
    rule: 'mcp.destructive-tool',
  },
  { tool: 'mcp__github__get_issue', input: { number: 1 }, expect: 'allow' },
  {
    tool: 'mcp__lighthouse__send_message',
    input: { to: 'role:expert', text: 'please review' },
    expect: 'allow',
  },
  { tool: 'mcp__fs__read_file', input: { path: 'README.md' }, expect: 'allow' },
];
