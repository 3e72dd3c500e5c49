import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { registerTeam } from '../api/coordination/team.js';
import { useBridges } from '../api/harness.js';
import { CLI, runCli } from '../support/cli.js';
import { CLIENT_SETUPS, connectClient } from './clients.js';
import { useMcpTeam } from './team.js';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('lighthouse-bridge mcp (the stdio relay)', () => {
  const team = useMcpTeam();
  const startBridge = useBridges();

  it('exits 1 with a clear message when the bridge cannot be reached', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli(['mcp'], {
      env: { LIGHTHOUSE_URL: url, LIGHTHOUSE_TOKEN: 'lhb_any' },
      input: '',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cannot reach the Lighthouse bridge at ${url}/ (ECONNREFUSED)`);
    expect(result.stderr).toContain('lighthouse-bridge serve');
  });

  it('exits 1 naming the fix when the token is missing or refused', async () => {
    const mcpTeam = await team();
    const missing = await runCli(['mcp'], {
      env: { LIGHTHOUSE_URL: mcpTeam.bridge.url, LIGHTHOUSE_TOKEN: '' },
      input: '',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('LIGHTHOUSE_TOKEN is not set');
    const refused = await runCli(['mcp'], {
      env: { LIGHTHOUSE_URL: mcpTeam.bridge.url, LIGHTHOUSE_TOKEN: 'lhb_not-a-token' },
      input: '',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refused LIGHTHOUSE_TOKEN (401)');
  });

  it('relays until the client closes stdin, then exits 0', async () => {
    const mcpTeam = await team();
    const child = spawn(process.execPath, [CLI, 'mcp'], {
      env: {
        ...process.env,
        LIGHTHOUSE_URL: mcpTeam.bridge.url,
        LIGHTHOUSE_TOKEN: mcpTeam.token('expert-1'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const lines = createInterface({ input: child.stdout });
    const request = {
      jsonrpc: '2.0',
      id: 7,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'pipe', version: '1.0.0' },
      },
    };
    child.stdin.write(`${JSON.stringify(request)}\n`);
    const [line] = (await once(lines, 'line')) as [string];
    expect(JSON.parse(line)).toMatchObject({ id: 7, result: { protocolVersion: '2025-11-25' } });
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr).toContain('as expert-1');
  });

  it('refuses arguments it does not take with the usage', async () => {
    const result = await runCli(['mcp', '--url', 'http://127.0.0.1:1'], { input: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: lighthouse-bridge mcp');
  });

  it('opens a new session for its client when the bridge restarts', async () => {
    const first = await startBridge();
    const { 'builder-9': agent } = await registerTeam(first, [
      { name: 'builder-9', role: 'builder' },
    ]);
    const setup = CLIENT_SETUPS.find(
      (candidate) => candidate.transport === 'stdio' && candidate.revision === '2025-11-25',
    );
    const client = await connectClient(setup as never, {
      url: first.url,
      token: agent?.token ?? '',
    });
    try {
      expect((await client.callTool('bridge_status', {})).isError).not.toBe(true);
      await first.close();
      await startBridge({ dataDir: first.dataDir, port: Number(new URL(first.url).port) });
      const after = await client.callTool('bridge_status', {});
      expect(after.isError, after.content[0]?.text).not.toBe(true);
      expect(after.structuredContent.you.name).toBe('builder-9');
    } finally {
      await client.close();
    }
  });
});
