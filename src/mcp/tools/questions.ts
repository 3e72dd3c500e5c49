import * as z from 'zod';
import type { Principal } from '../../agents/principal.js';
import {
  MAX_ELICITATION_TIMEOUT_MS,
  MAX_QUESTION_LENGTH,
  MAX_REASON_LENGTH,
} from '../../coordination/elicitations/decide.js';
import { ELICITATION_STATUSES } from '../../coordination/elicitations/events.js';
import type { Elicitation } from '../../coordination/elicitations/evolve.js';
import {
  ELICITATION_SIDES,
  type ElicitationService,
} from '../../coordination/elicitations/service.js';
import { invalidInput } from '../../coordination/errors.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';
import { ADDRESS_HELP } from './messages.js';
import { nextCursor, questionView } from './views.js';

const MAX_WAIT_SECONDS = 600;
const DEFAULT_WAIT_SECONDS = 30;

const questionId = z.string().describe('The question id (elicitationId)');
const waitSeconds = z
  .number()
  .min(0)
  .max(MAX_WAIT_SECONDS)
  .optional()
  .describe(
    `How long to wait for the outcome, in seconds (at most ${MAX_WAIT_SECONDS}); 0 answers at once`,
  );

/** The question once settled, or as it stands when the wait ends or the call is cancelled. */
function waitForOutcome(
  elicitations: ElicitationService,
  principal: Principal,
  id: string,
  seconds: number,
  signal: AbortSignal,
): Promise<Elicitation> {
  return elicitations.waitForOutcome(principal, id, Math.round(seconds * 1000), signal);
}

const askQuestion = defineTool({
  name: 'ask_question',
  title: 'Ask a question',
  description:
    'Ask other agents (or the human behind an agent) a question whose answer must match a JSON Schema, and wait for the answer. The first valid answer wins. If no answer came within waitSeconds the question stays open until its timeout: call wait_for_answer with its id later. An agent whose client supports MCP elicitation gets a question addressed to it by name as a form for its user.',
  effect: 'create',
  permission: 'coordination:act',
  input: z.strictObject({
    to: z.string().describe(`Who should answer: ${ADDRESS_HELP}`),
    question: z.string().min(1).max(MAX_QUESTION_LENGTH),
    schema: z
      .record(z.string(), z.unknown())
      .describe(
        'JSON Schema the answer must match, e.g. {"type":"object","properties":{"approve":{"type":"boolean"}},"required":["approve"]}',
      ),
    timeoutSeconds: z
      .number()
      .positive()
      .max(MAX_ELICITATION_TIMEOUT_MS / 1000)
      .optional()
      .describe('How long the question stays open, in seconds; default 30, at most 3600'),
    waitSeconds,
  }),
  output: z.object({ question: questionView }),
  run: async ({ args, principal, services, signal }) => {
    const { elicitations } = services.coordination;
    const asked = await elicitations.ask(principal, {
      to: args.to,
      question: args.question,
      schema: args.schema,
      timeoutMs:
        args.timeoutSeconds === undefined ? undefined : Math.ceil(args.timeoutSeconds * 1000),
    });
    const wait = args.waitSeconds ?? DEFAULT_WAIT_SECONDS;
    return {
      question: await waitForOutcome(elicitations, principal, asked.elicitationId, wait, signal),
    };
  },
});

const waitForAnswer = defineTool({
  name: 'wait_for_answer',
  title: 'Wait for the answer to a question',
  description:
    'Get a question you asked (or one addressed to you) with its answer, waiting up to waitSeconds while it is still open. status tells how it ended: answered (answer holds the data), declined, cancelled or expired.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({ questionId, waitSeconds }),
  output: z.object({ question: questionView }),
  run: async ({ args, principal, services, signal }) => ({
    question: await waitForOutcome(
      services.coordination.elicitations,
      principal,
      args.questionId,
      args.waitSeconds ?? DEFAULT_WAIT_SECONDS,
      signal,
    ),
  }),
});

const answerQuestion = defineTool({
  name: 'answer_question',
  title: 'Answer a question',
  description:
    'Answer a question addressed to you with data matching its schema (see list_questions), or decline it with a reason. The first answer wins; an answer that does not match the schema is refused with the offending field named.',
  effect: 'final',
  permission: 'coordination:act',
  input: z.strictObject({
    questionId,
    answer: z.unknown().optional().describe("The answer: any JSON matching the question's schema"),
    declineReason: z
      .string()
      .max(MAX_REASON_LENGTH)
      .optional()
      .describe('Decline instead of answering, with this reason'),
  }),
  output: z.object({ question: questionView }),
  run: async ({ args, principal, services }) => {
    const { elicitations } = services.coordination;
    if (args.declineReason !== undefined) {
      if (args.answer !== undefined) {
        throw invalidInput('answer', 'give answer or declineReason, not both');
      }
      return {
        question: await elicitations.decline(principal, args.questionId, args.declineReason),
      };
    }
    if (args.answer === undefined) throw invalidInput('answer', 'give answer or declineReason');
    return { question: await elicitations.answer(principal, args.questionId, args.answer) };
  },
});

const listQuestions = defineTool({
  name: 'list_questions',
  title: 'List questions',
  description:
    'List the questions addressed to you (by default the open ones you can answer) or those you asked, newest first.',
  effect: 'read',
  permission: 'coordination:read',
  input: z.strictObject({
    side: z
      .enum(ELICITATION_SIDES)
      .optional()
      .describe('addressed (to you, the default) or asked (by you)'),
    status: z
      .enum(ELICITATION_STATUSES)
      .optional()
      .describe('Only this status; default open for addressed, any for asked'),
    before: z.string().optional().describe('A cursor from a previous page'),
    limit: z.number().int().min(1).max(500).optional().describe('Default 50'),
  }),
  output: z.object({ questions: z.array(questionView), next: nextCursor }),
  run: ({ args, principal, services }) => {
    const side = args.side ?? 'addressed';
    const page = services.coordination.elicitations.list(principal, {
      role: side,
      status: args.status ?? (side === 'addressed' ? 'open' : undefined),
      before: args.before,
      limit: args.limit,
    });
    return { questions: page.elicitations, next: page.next };
  },
});

export const QUESTION_TOOLS: readonly AnyToolSpec[] = [
  askQuestion,
  waitForAnswer,
  answerQuestion,
  listQuestions,
];
