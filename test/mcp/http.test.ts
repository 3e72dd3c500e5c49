import { describe, expect, it } from 'vitest';
import { CLIENT_SETUPS } from './clients.js';
import { type McpTeam, useMcpTeam } from './team.js';

const ACCEPT = 'application/json, text/event-stream';

function initialize(protocolVersion: string) {
  return {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1.0.0' } },
  };
}

interface RawAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON-RPC bodies are inspected freely in tests
  message: any;
}

/** One POST to /mcp; the JSON-RPC message of the answer, whether it came as JSON or as SSE. */
async function post(
  team: McpTeam,
  body: unknown,
  headers: Record<string, string | undefined>,
): Promise<RawAnswer> {
  const sent = Object.fromEntries(
    Object.entries({ 'content-type': 'application/json', accept: ACCEPT, ...headers }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const response = await fetch(`${team.bridge.url}/mcp`, {
    method: 'POST',
    headers: sent,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const data = /^data: (.*)$/m.exec(text)?.[1] ?? text;
  return {
    status: response.status,
    headers: response.headers,
    message: data ? JSON.parse(data) : null,
  };
}

function bearer(team: McpTeam, name: 'expert-1' | 'builder-2'): string {
  return `Bearer ${team.token(name)}`;
}

describe('the /mcp endpoint', () => {
  const team = useMcpTeam();

  it('refuses a request without a valid bearer token with 401', async () => {
    const mcpTeam = await team();
    for (const authorization of [undefined, 'Bearer lhb_not-a-token']) {
      const answer = await post(mcpTeam, initialize('2025-11-25'), { authorization });
      expect(answer.status, authorization).toBe(401);
      expect(answer.message.error.code).toBe('unauthenticated');
    }
  });

  it('binds a session to the agent that opened it', async () => {
    const mcpTeam = await team();
    const opened = await post(mcpTeam, initialize('2025-06-18'), {
      authorization: bearer(mcpTeam, 'expert-1'),
    });
    expect(opened.status).toBe(200);
    expect(opened.message.result.protocolVersion).toBe('2025-06-18');
    const session = opened.headers.get('mcp-session-id') ?? '';
    expect(session).not.toBe('');
    const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
    const session2025 = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-06-18' };

    const stranger = await post(mcpTeam, listTools, {
      authorization: bearer(mcpTeam, 'builder-2'),
      ...session2025,
    });
    expect(stranger.status).toBe(404);
    const owner = await post(mcpTeam, listTools, {
      authorization: bearer(mcpTeam, 'expert-1'),
      ...session2025,
    });
    expect(owner.status).toBe(200);
    expect(owner.message.result.tools.length).toBeGreaterThan(0);

    const ended = await fetch(`${mcpTeam.bridge.url}/mcp`, {
      method: 'DELETE',
      headers: { authorization: bearer(mcpTeam, 'expert-1'), ...session2025 },
    });
    expect(ended.status).toBe(200);
    const after = await post(mcpTeam, listTools, {
      authorization: bearer(mcpTeam, 'expert-1'),
      ...session2025,
    });
    expect(after.status).toBe(404);
  });

  it('asks for initialize before anything else of the 2025 revisions', async () => {
    const mcpTeam = await team();
    const answer = await post(
      mcpTeam,
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      { authorization: bearer(mcpTeam, 'expert-1') },
    );
    expect(answer.status).toBe(400);
    expect(answer.message.error.message).toMatch(/initialize/);
  });

  it('answers a 2025 initialize naming an unknown revision with the latest it serves', async () => {
    const mcpTeam = await team();
    const answer = await post(mcpTeam, initialize('2099-01-01'), {
      authorization: bearer(mcpTeam, 'expert-1'),
    });
    expect(answer.message.result.protocolVersion).toBe('2025-11-25');
  });

  it('names the 2026 revisions it serves when a request claims another', async () => {
    const mcpTeam = await team();
    const answer = await post(
      mcpTeam,
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2099-01-01',
            'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1.0.0' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
      {
        authorization: bearer(mcpTeam, 'expert-1'),
        'mcp-protocol-version': '2099-01-01',
        'mcp-method': 'tools/list',
      },
    );
    expect(answer.status).toBe(400);
    expect(answer.message.error.data.supported).toEqual(['2026-07-28']);
  });

  it('ends open sessions and subscription streams when the bridge shuts down', async () => {
    const mcpTeam = await team();
    const [legacy, modern] = await Promise.all(
      [CLIENT_SETUPS[0], CLIENT_SETUPS[2]].map((setup) => mcpTeam.connect(setup as never)),
    );
    await legacy?.follow('lighthouse://agents');
    await modern?.follow('lighthouse://agents');
    await mcpTeam.bridge.close();
    await expect(fetch(`${mcpTeam.bridge.url}/health`)).rejects.toThrow();
  });

  it('ends a tool call that waits for an answer when it shuts down', async () => {
    const mcpTeam = await team();
    const question = await mcpTeam.bridge.coordination.elicitations.ask(
      mcpTeam.principal('builder-2'),
      {
        to: 'expert-1',
        question: 'Still there?',
        schema: { type: 'boolean' },
        timeoutMs: 3_600_000,
      },
    );
    const authorization = bearer(mcpTeam, 'expert-1');
    const opened = await post(mcpTeam, initialize('2025-11-25'), { authorization });
    const headers = {
      authorization,
      'content-type': 'application/json',
      accept: ACCEPT,
      'mcp-session-id': opened.headers.get('mcp-session-id') ?? '',
      'mcp-protocol-version': '2025-11-25',
    };
    const call = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: {
        name: 'wait_for_answer',
        arguments: { questionId: question.elicitationId, waitSeconds: 600 },
      },
    };
    // The answer streams: its headers come once the call runs, its body when the call ends.
    const waiting = await fetch(`${mcpTeam.bridge.url}/mcp`, {
      method: 'POST',
      headers,
      body: JSON.stringify(call),
    });
    expect(waiting.headers.get('content-type')).toContain('text/event-stream');
    await mcpTeam.bridge.close();
    await waiting.text().catch(() => undefined);
  });
});
