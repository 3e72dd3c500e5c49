import type { Command } from 'commander';
import { registerLeaseCommands } from './leases.js';
import { registerMessageCommands } from './messages.js';
import { registerPresenceCommands } from './presence.js';
import { registerQuestionCommands } from './questions.js';
import { registerReviewCommands } from './reviews.js';
import { registerTaskCommands } from './tasks.js';

/** The commands of coordination: presence, messages, questions, tasks, leases, reviews. */
export function registerCoordinationCommands(program: Command): void {
  registerPresenceCommands(program);
  registerMessageCommands(program);
  registerQuestionCommands(program);
  registerTaskCommands(program);
  registerLeaseCommands(program);
  registerReviewCommands(program);
}
