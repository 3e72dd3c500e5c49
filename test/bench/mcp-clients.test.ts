import { describe, expect, it } from 'vitest';
import { McpClients } from '../../bench/mcp/mcp-clients.js';
import { checkAnswer, rawSessionCaller } from '../../bench/mcp/raw-session.js';
import { useBridges } from '../api/harness.js';

const STATUS = { name: 'bridge_status', arguments: {} };
const PING = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' });

describe('McpClients', () => {
  const startBridge = useBridges();

  async function bridgeWithAgents(count: number) {
    const bridge = await startBridge();
    const tokens: string[] = [];
    for (let index = 0; index < count; index++) {
      tokens.push(await bridge.tokenFor(`bench-${index}`, 'builder'));
    }
    return { bridge, tokens };
  }

  it('opens one 2025-11-25 session per token and calls tools in each', async () => {
    const { bridge, tokens } = await bridgeWithAgents(2);
    const clients = await McpClients.open(bridge.url, tokens, '2025-11-25');
    try {
      expect(clients.count).toBe(2);
      const sessions = [clients.sessionId(0), clients.sessionId(1)];
      expect(sessions.every((id) => typeof id === 'string' && id !== '')).toBe(true);
      expect(sessions[0]).not.toBe(sessions[1]);
      await clients.callEachOnce(STATUS);
      await clients.callTool(1, {
        name: 'send_message',
        arguments: { to: 'bench-0', subject: 'hello', body: 'from the bench' },
      });
      const inbox = await bridge.call('GET', '/v1/messages', { token: tokens[0] });
      expect(inbox.body.messages.map((message: { subject: string }) => message.subject)).toEqual([
        'hello',
      ]);
    } finally {
      await clients.close();
    }
  });

  it('throws a tool’s refusal as tool_error', async () => {
    const { bridge, tokens } = await bridgeWithAgents(1);
    const clients = await McpClients.open(bridge.url, tokens, '2025-11-25');
    try {
      await expect(
        clients.callTool(0, {
          name: 'send_message',
          arguments: { to: 'nobody-here', subject: 'hello', body: 'lost' },
        }),
      ).rejects.toMatchObject({ code: 'tool_error' });
    } finally {
      await clients.close();
    }
  });

  it('connects stateless 2026-07-28 clients, which have no session', async () => {
    const { bridge, tokens } = await bridgeWithAgents(1);
    const clients = await McpClients.open(bridge.url, tokens, '2026-07-28');
    try {
      expect(clients.sessionId(0)).toBeUndefined();
      await clients.callTool(0, STATUS);
    } finally {
      await clients.close();
    }
  });

  it('fails to open when a token is refused', async () => {
    const { bridge, tokens } = await bridgeWithAgents(1);
    await expect(
      McpClients.open(bridge.url, [...tokens, 'lhb_not-a-token'], '2025-11-25'),
    ).rejects.toThrow(/unauthenticated/);
  });

  it('refuses a non-loopback bridge', async () => {
    await expect(McpClients.open('http://10.1.2.3:1', ['t'], '2025-11-25')).rejects.toMatchObject({
      code: 'non_loopback_target',
    });
  });
});

describe('rawSessionCaller', () => {
  const startBridge = useBridges();

  it('posts into a client’s session, and rejects what the session refuses', async () => {
    const bridge = await startBridge();
    const token = await bridge.tokenFor('raw-0', 'builder');
    const clients = await McpClients.open(bridge.url, [token], '2025-11-25');
    try {
      const options = {
        bridgeUrl: bridge.url,
        token,
        sessionId: clients.sessionId(0) as string,
        protocolVersion: '2025-11-25',
      };
      const post = rawSessionCaller(options);
      await post(PING);
      await post(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/call', params: STATUS }));
      const refused = JSON.stringify({
        jsonrpc: '2.0',
        id: 9,
        method: 'tools/call',
        params: { name: 'send_message', arguments: { to: 'nobody-here', subject: 's', body: 'b' } },
      });
      await expect(post(refused)).rejects.toMatchObject({ code: 'tool_error' });
      const stranger = rawSessionCaller({ ...options, sessionId: 'not-a-session' });
      await expect(stranger(PING)).rejects.toMatchObject({ code: 'http_404' });
    } finally {
      await clients.close();
    }
  });
});

describe('checkAnswer', () => {
  it.each([
    { answer: '{"jsonrpc":"2.0","id":1,"result":{}}', code: undefined },
    {
      answer: ': open\n\nevent: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n',
      code: undefined,
    },
    {
      answer: 'data: {"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"bad"}}\n\n',
      code: 'jsonrpc_error',
    },
    {
      answer: 'data: {"jsonrpc":"2.0","id":1,"result":{"isError":true,"content":[]}}\n\n',
      code: 'tool_error',
    },
  ])('$answer: $code', ({ answer, code }) => {
    if (code === undefined) expect(() => checkAnswer(answer)).not.toThrow();
    else expect(() => checkAnswer(answer)).toThrow(expect.objectContaining({ code }));
  });
});
