import type { ElicitRequestFormParams } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { CLIENT_SETUPS, type ElicitationAnswer } from './clients.js';
import { useMcpTeam } from './team.js';

/** Server-to-client requests belong to the 2025 revisions; 2026-07-28 has no push channel. */
const SESSION_SETUPS = CLIENT_SETUPS.filter((setup) => setup.revision !== '2026-07-28');

const QUESTION_WAIT_MS = 20_000;

describe.each(SESSION_SETUPS)('questions through MCP elicitation, $label', (setup) => {
  const team = useMcpTeam();

  it('asks the user behind the client and records the answer as its agent’s', async () => {
    const mcpTeam = await team();
    const asked: ElicitRequestFormParams[] = [];
    const accept: ElicitationAnswer = (params) => {
      asked.push(params);
      return { action: 'accept', content: { answer: true } };
    };
    await mcpTeam.connect(setup, 'expert-1', { elicitation: accept });
    const builder = mcpTeam.principal('builder-2');
    const { elicitations } = mcpTeam.bridge.coordination;
    const question = await elicitations.ask(builder, {
      to: 'expert-1',
      question: 'May I deploy?',
      schema: { type: 'boolean', title: 'Deploy' },
      timeoutMs: 60_000,
    });
    const outcome = await elicitations.waitForOutcome(
      builder,
      question.elicitationId,
      QUESTION_WAIT_MS,
    );
    expect(outcome).toMatchObject({
      status: 'answered',
      answer: true,
      closedBy: { name: 'expert-1' },
    });
    expect(asked).toEqual([
      expect.objectContaining({
        message: 'builder-2 asks: May I deploy?',
        requestedSchema: {
          type: 'object',
          properties: { answer: { type: 'boolean', title: 'Deploy' } },
          required: ['answer'],
        },
      }),
    ]);
  });

  it('records a declined form as the agent declining, and asks what was waiting at connect', async () => {
    const mcpTeam = await team();
    const builder = mcpTeam.principal('builder-2');
    const { elicitations } = mcpTeam.bridge.coordination;
    const question = await elicitations.ask(builder, {
      to: 'expert-1',
      question: 'Which region?',
      schema: {
        type: 'object',
        properties: { region: { type: 'string', enum: ['eu', 'us'] } },
        required: ['region'],
      },
      timeoutMs: 60_000,
    });
    await mcpTeam.connect(setup, 'expert-1', { elicitation: () => ({ action: 'decline' }) });
    const outcome = await elicitations.waitForOutcome(
      builder,
      question.elicitationId,
      QUESTION_WAIT_MS,
    );
    expect(outcome).toMatchObject({ status: 'declined', closedBy: { name: 'expert-1' } });
    expect(outcome.reason).toMatch(/^declined by the user of /);
  });
});
