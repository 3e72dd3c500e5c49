import { type Command, Option } from 'commander';
import type { Review } from '../../client/index.js';
import { bridgeCommand, onBridge } from '../bridge-command.js';
import { clip, fields, table, time } from '../output.js';
import { positiveInteger } from '../values.js';

function outcomeOf(review: Review): string {
  if (!review.outcome) return `pending until ${time(review.deadline)}`;
  const by = review.outcome.by
    ? ` by ${review.outcome.by.name}`
    : ` by ${review.outcome.resolvedBy}`;
  return `${review.outcome.decision}${by}`;
}

function describeReview(review: Review): string[] {
  return [
    ...fields([
      ['Review', review.reviewId],
      ['Requester', review.requester.name],
      ['Call', `${review.toolCall.tool}: ${review.toolCall.summary}`],
      ['Rules', review.ruleIds.join(' ')],
      ['Reason', review.reason],
      ['Risk', review.risk],
      ['Capability', review.capability],
      ['Fallback', review.fallback],
      ['Opened', time(review.openedAt)],
      ['Outcome', outcomeOf(review)],
    ]),
    ...review.decisions.map(
      (decision) =>
        `  ${decision.approve ? 'approved' : 'rejected'} by ${decision.expert.name} at ${time(decision.decidedAt)}: ${decision.reason}`,
    ),
  ];
}

function decideCommand(review: Command, approve: boolean): void {
  const [verb, done] = approve ? ['approve', 'approved'] : ['reject', 'rejected'];
  onBridge(
    bridgeCommand(review, `${verb} <id> <reason>`, `${verb} an escalated call, saying why`),
    async (bridge, id: string, reason: string) => {
      const decided = await bridge.coordination.reviews.decide(id, { approve, reason });
      bridge.show(decided, (after) => `${done} ${after.reviewId}; ${outcomeOf(after)}`);
    },
  );
}

export function registerReviewCommands(program: Command): void {
  const review = program
    .command('review')
    .description('decide on escalated tool calls as an expert');

  onBridge(
    bridgeCommand(review, 'list', 'list reviews, oldest first')
      .option('--mine', 'only the pending ones you may still decide on')
      .addOption(
        new Option('--status <status>', 'only pending or resolved').choices([
          'pending',
          'resolved',
        ]),
      )
      .option('--capability <name>', 'only those for this capability')
      .option('--limit <n>', 'at most this many (default 100)', positiveInteger),
    async (bridge) => {
      const { flags } = bridge;
      const reviews = await bridge.coordination.reviews.list({
        mine: flags.mine,
        status: flags.status,
        capability: flags.capability,
        limit: flags.limit,
      });
      bridge.show(reviews, (listed) => {
        if (listed.length === 0) return 'no reviews';
        const rows = listed.map((entry) => [
          entry.reviewId,
          entry.requester.name,
          entry.risk,
          entry.capability,
          outcomeOf(entry),
          clip(`${entry.toolCall.tool}: ${entry.toolCall.summary}`),
        ]);
        return table(['ID', 'REQUESTER', 'RISK', 'CAPABILITY', 'OUTCOME', 'CALL'], rows);
      });
    },
  );

  onBridge(
    bridgeCommand(review, 'show <id>', 'show a review and its decisions'),
    async (bridge, id: string) => {
      bridge.show(await bridge.coordination.reviews.get(id), describeReview);
    },
  );

  decideCommand(review, true);
  decideCommand(review, false);
}
