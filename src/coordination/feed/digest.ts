import type { Elicitation } from '../elicitations/evolve.js';
import type { Message } from '../messages/evolve.js';

/** One thing worth an agent's attention, as one line of a digest. */
export interface DigestEntry {
  id: string;
  line: string;
}

export interface Digest {
  text: string;
  /** The entries the text shows; the others wait for the next digest. */
  shownIds: string[];
}

/** A digest rides along with a hook answer into the agent's context, so it stays short. */
export const MAX_DIGEST_ENTRIES = 5;
const MAX_SUBJECT_LENGTH = 120;
const MAX_TEXT_LENGTH = 200;

/** One line of at most `max` characters. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function urgentMessageEntry(message: Message): DigestEntry {
  const body = message.body.trim() === '' ? '' : `: ${clip(message.body, MAX_TEXT_LENGTH)}`;
  const ack = message.ackRequired ? ' It asks for an acknowledgement.' : '';
  return {
    id: message.messageId,
    line: `Urgent message ${message.messageId} from ${message.from.name}, "${clip(message.subject, MAX_SUBJECT_LENGTH)}"${body}${ack}`,
  };
}

export function openQuestionEntry(question: Elicitation): DigestEntry {
  return {
    id: question.elicitationId,
    line: `Question ${question.elicitationId} from ${question.from.name}, to answer by ${question.deadline}: ${clip(question.question, MAX_TEXT_LENGTH)}`,
  };
}

/** The entries not shown before, at most `MAX_DIGEST_ENTRIES` of them; null when none is new. */
export function composeDigest(
  entries: readonly DigestEntry[],
  shown: ReadonlySet<string>,
): Digest | null {
  const fresh = entries.filter((entry) => !shown.has(entry.id));
  if (fresh.length === 0) return null;
  const chosen = fresh.slice(0, MAX_DIGEST_ENTRIES);
  const lines = ['Lighthouse Bridge, new for you:', ...chosen.map((entry) => `- ${entry.line}`)];
  const waiting = fresh.length - chosen.length;
  if (waiting > 0) lines.push(`(${waiting} more next time)`);
  return { text: lines.join('\n'), shownIds: chosen.map((entry) => entry.id) };
}
