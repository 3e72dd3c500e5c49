import { type Command, Option } from 'commander';
import type { Elicitation } from '../../client/index.js';
import { ELICITATION_STATUSES } from '../../coordination/elicitations/events.js';
import { type Bridge, bridgeCommand, NEGATIVE_EXIT_CODE, onBridge } from '../bridge-command.js';
import { clip, fields, json, table, time } from '../output.js';
import { durationMs, jsonArgument, positiveInteger, textArgument } from '../values.js';

/** A free-text answer, when `ask` is given no schema. */
const TEXT_ANSWER = { type: 'string' };

/** An answer as a person reads it: text as it is, anything else as JSON. */
function answerText(answer: unknown): string {
  return typeof answer === 'string' ? answer : json(answer);
}

function closedBy(question: Elicitation): string {
  const by = question.closedBy ? ` by ${question.closedBy.name}` : '';
  const reason = question.reason ? `: ${question.reason}` : '';
  return `${question.status}${by}${reason}`;
}

/** Prints a settled question's answer; one closed without an answer exits 2. */
function showOutcome(bridge: Bridge, question: Elicitation): void {
  if (question.status !== 'answered') {
    process.stderr.write(`question ${question.elicitationId} ${closedBy(question)}\n`);
    process.exitCode = NEGATIVE_EXIT_CODE;
  }
  bridge.show(question, (settled) =>
    settled.status === 'answered' ? answerText(settled.answer) : [],
  );
}

function describeQuestion(question: Elicitation): string[] {
  return [
    ...fields([
      ['Question', question.elicitationId],
      ['From', question.from.name],
      ['To', question.to],
      ['Asked', time(question.askedAt)],
      ['Deadline', time(question.deadline)],
      [
        'Status',
        question.status === 'open' ? 'open' : `${closedBy(question)} at ${time(question.closedAt)}`,
      ],
    ]),
    '',
    question.question,
    '',
    `Answer schema: ${JSON.stringify(question.schema)}`,
    ...(question.status === 'answered' ? ['', 'Answer:', answerText(question.answer)] : []),
  ];
}

export function registerQuestionCommands(program: Command): void {
  onBridge(
    bridgeCommand(
      program,
      'ask <to> <question>',
      'ask an agent (or role:, capability:, *) a question',
    )
      .option('--schema <json>', 'JSON Schema of the answer, or @FILE (default: free text)')
      .option(
        '--timeout <duration>',
        'how long it stays open, e.g. 30s, 10m (default 30s)',
        durationMs,
      )
      .option('--wait', 'wait for the outcome and print the answer; exit 2 when none comes'),
    async (bridge, to: string, text: string) => {
      const { flags } = bridge;
      const schema =
        flags.schema === undefined ? TEXT_ANSWER : await jsonArgument(flags.schema, '--schema');
      const asked = await bridge.coordination.questions.ask({
        to,
        question: text,
        schema,
        timeoutMs: flags.timeout,
      });
      const summary = `asked ${asked.elicitationId} of ${asked.to}, open until ${time(asked.deadline)}`;
      if (!flags.wait) {
        bridge.show(asked, () => summary);
        return;
      }
      process.stderr.write(`${summary}; waiting\n`);
      showOutcome(bridge, await bridge.coordination.questions.waitForOutcome(asked.elicitationId));
    },
  );

  onBridge(
    bridgeCommand(
      program,
      'answer <id> [answer]',
      'answer a question: JSON, @FILE, or stdin when left out or -',
    ).option('--text', 'send the answer as a string, not JSON'),
    async (bridge, id: string, answer?: string) => {
      const data = bridge.flags.text
        ? await textArgument(answer, 'the answer')
        : await jsonArgument(answer, 'the answer');
      const answered = await bridge.coordination.questions.answer(id, data);
      bridge.show(answered, (question) => `answered ${question.elicitationId}`);
    },
  );

  onBridge(
    bridgeCommand(program, 'questions', 'list the open questions addressed to you')
      .option('--asked', 'the questions you asked instead')
      .addOption(
        new Option('--status <status>', 'only this status (default open)').choices(
          ELICITATION_STATUSES,
        ),
      )
      .option('--all', 'every status')
      .option('--before <id>', 'the page after this question')
      .option('--limit <n>', 'at most this many (default 50)', positiveInteger),
    async (bridge) => {
      const { flags } = bridge;
      const page = await bridge.coordination.questions.list({
        role: flags.asked ? 'asked' : 'addressed',
        status: flags.all ? undefined : (flags.status ?? 'open'),
        before: flags.before,
        limit: flags.limit,
      });
      bridge.show(page, ({ elicitations, next }) => {
        if (elicitations.length === 0) return 'no questions';
        const rows = elicitations.map((question) => [
          question.elicitationId,
          question.from.name,
          question.to,
          question.status,
          time(question.deadline),
          clip(question.question),
        ]);
        const listed = table(['ID', 'FROM', 'TO', 'STATUS', 'DEADLINE', 'QUESTION'], rows);
        return next === null ? listed : [...listed, `more: --before ${next}`];
      });
    },
  );

  const question = program
    .command('question')
    .description('look at, wait for, decline or cancel a question');

  onBridge(
    bridgeCommand(question, 'show <id>', 'show a question, its schema and its answer'),
    async (bridge, id: string) => {
      bridge.show(await bridge.coordination.questions.get(id), describeQuestion);
    },
  );

  onBridge(
    bridgeCommand(
      question,
      'wait <id>',
      'wait for the outcome and print the answer; exit 2 when none comes',
    ),
    async (bridge, id: string) => {
      showOutcome(bridge, await bridge.coordination.questions.waitForOutcome(id));
    },
  );

  onBridge(
    bridgeCommand(
      question,
      'decline <id> [reason]',
      'decline to answer a question addressed to you',
    ),
    async (bridge, id: string, reason?: string) => {
      const declined = await bridge.coordination.questions.decline(id, reason);
      bridge.show(declined, (closed) => `declined ${closed.elicitationId}`);
    },
  );

  onBridge(
    bridgeCommand(question, 'cancel <id> [reason]', 'withdraw a question you asked'),
    async (bridge, id: string, reason?: string) => {
      const cancelled = await bridge.coordination.questions.cancel(id, reason);
      bridge.show(cancelled, (closed) => `cancelled ${closed.elicitationId}`);
    },
  );
}
