import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { useMcpTeam } from './team.js';

const DEFAULT_ADDRESS = 'http://127.0.0.1:8765';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(`${ROOT}README.md`, 'utf8');
const SECTION = README.slice(
  README.indexOf('\n## MCP\n'),
  README.indexOf('\n## ', README.indexOf('\n## MCP\n') + 1),
);

/** A README line starting with `prefix`; the test fails when the README no longer shows it. */
function line(prefix: string): string {
  const found = SECTION.split('\n').find((candidate) => candidate.startsWith(prefix));
  if (found === undefined) throw new Error(`the MCP section has no line starting ${prefix}`);
  return found;
}

/** `${VAR}` and `${VAR:-default}` as Claude Code expands them in `.mcp.json`. */
function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_all, name: string, fallback?: string) => {
    return env[name] ?? fallback ?? '';
  });
}

async function toolCount(client: Client): Promise<number> {
  try {
    return (await client.listTools()).tools.length;
  } finally {
    await client.close();
  }
}

describe('the README MCP section', () => {
  const team = useMcpTeam();

  it('gives a `claude mcp add` over HTTP that reaches the bridge as the token’s agent', async () => {
    const mcpTeam = await team();
    const command = line('claude mcp add --transport http ');
    const [, url, header] = /lighthouse (\S+) --header "([^"]+)"/.exec(command) ?? [];
    // The README's bridge is the default address; the test's listens on a port of its own.
    const target = (url ?? '').replace(DEFAULT_ADDRESS, mcpTeam.bridge.url);
    const [name, value] = (header ?? '')
      .replace('$LIGHTHOUSE_TOKEN', mcpTeam.token('expert-1'))
      .split(': ');
    const client = new Client({ name: 'readme', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(target), {
        requestInit: { headers: { [name ?? '']: value ?? '' } },
      }),
    );
    expect(await toolCount(client)).toBeGreaterThan(0);
  });

  it('gives a `claude mcp add` over stdio whose command serves MCP', async () => {
    const mcpTeam = await team();
    const command = line('claude mcp add --transport stdio ');
    expect(command).toContain('--env LIGHTHOUSE_TOKEN=$LIGHTHOUSE_TOKEN lighthouse -- ');
    const [program, ...args] = (command.split(' -- ')[1] ?? '')
      .split(' ')
      .map((word) => word.replaceAll('"', '').replace('$PWD/', ROOT));
    const client = new Client({ name: 'readme', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: program === 'node' ? process.execPath : (program ?? ''),
        args,
        env: {
          ...getDefaultEnvironment(),
          LIGHTHOUSE_URL: mcpTeam.bridge.url,
          LIGHTHOUSE_TOKEN: mcpTeam.token('expert-1'),
        },
        stderr: 'ignore',
      }),
    );
    expect(await toolCount(client)).toBeGreaterThan(0);
  });

  it('gives an .mcp.json that connects once its variables are expanded', async () => {
    const mcpTeam = await team();
    const json = /```json\n([\s\S]*?)```/.exec(SECTION)?.[1] ?? '';
    const server = JSON.parse(
      expand(json, {
        LIGHTHOUSE_URL: mcpTeam.bridge.url,
        LIGHTHOUSE_TOKEN: mcpTeam.token('expert-1'),
      }),
    ).mcpServers.lighthouse;
    expect(server.type).toBe('http');
    const client = new Client({ name: 'readme', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(server.url), {
        requestInit: { headers: server.headers },
      }),
    );
    expect(await toolCount(client)).toBeGreaterThan(0);
  });
});
