import type { Decider } from '../../events/decider.js';
import { type Actor, type AgentRef, refOf } from '../actor.js';
import { formatAddress, parseAddress, reaches } from '../addresses.js';
import { CoordinationError, notFound } from '../errors.js';
import { checkJson, checkOptionalText, checkText, checkWholeNumber } from '../fields.js';
import { epochOf, isoAt } from '../time.js';
import { checkAnswer, checkAnswerSchema } from './answer-schema.js';
import type { ElicitationEvent } from './events.js';
import {
  type Elicitation,
  type ElicitationState,
  evolveElicitation,
  initialElicitationState,
} from './evolve.js';

export const DEFAULT_ELICITATION_TIMEOUT_MS = 30_000;
export const MAX_ELICITATION_TIMEOUT_MS = 3_600_000;
export const MAX_QUESTION_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 2000;
export const MAX_ANSWER_BYTES = 256 * 1024;

export type ElicitationCommand =
  | {
      type: 'Ask';
      elicitationId: string;
      asker: AgentRef;
      to: string;
      question: string;
      schema: unknown;
      timeoutMs?: number;
      now: number;
    }
  | { type: 'Answer'; elicitationId: string; responder: Actor; data: unknown; now: number }
  | { type: 'Decline'; elicitationId: string; responder: Actor; reason?: string; now: number }
  | { type: 'Cancel'; elicitationId: string; actor: AgentRef; reason?: string; now: number }
  | { type: 'Expire'; elicitationId: string; now: number };

function ask(
  command: Extract<ElicitationCommand, { type: 'Ask' }>,
  state: ElicitationState,
): ElicitationEvent[] {
  const to = formatAddress(parseAddress(command.to));
  const question = checkText(command.question, 'question', MAX_QUESTION_LENGTH);
  const schema = checkAnswerSchema(command.schema);
  const timeoutMs = checkWholeNumber(command.timeoutMs, 'timeoutMs', {
    min: 1,
    max: MAX_ELICITATION_TIMEOUT_MS,
    fallback: DEFAULT_ELICITATION_TIMEOUT_MS,
  });
  if (state !== null) {
    throw new CoordinationError(
      'already_exists',
      `question ${command.elicitationId} exists already`,
    );
  }
  return [
    {
      type: 'ElicitationAsked',
      data: {
        elicitationId: command.elicitationId,
        from: command.asker,
        to,
        question,
        schema,
        askedAt: isoAt(command.now),
        deadline: isoAt(command.now + timeoutMs),
      },
    },
  ];
}

/** Refuses anything but an open question before its deadline. */
function checkOpen(state: Elicitation, now: number): void {
  const id = state.elicitationId;
  if (state.status === 'answered') {
    throw new CoordinationError('already_answered', `question ${id} has been answered`);
  }
  if (state.status === 'expired' || (state.status === 'open' && now >= epochOf(state.deadline))) {
    throw new CoordinationError('expired', `question ${id} expired at ${state.deadline}`);
  }
  if (state.status !== 'open') {
    throw new CoordinationError('already_closed', `question ${id} was ${state.status}`);
  }
}

function checkResponder(state: Elicitation, responder: Actor): void {
  if (responder.agentId === state.from.agentId || !reaches(state.to, responder)) {
    throw new CoordinationError(
      'not_addressee',
      `question ${state.elicitationId} is for ${state.to}, not for ${responder.name}`,
    );
  }
}

function respond(
  command: Extract<ElicitationCommand, { type: 'Answer' | 'Decline' }>,
  state: Elicitation,
): ElicitationEvent[] {
  checkResponder(state, command.responder);
  checkOpen(state, command.now);
  const by = refOf(command.responder);
  const at = isoAt(command.now);
  if (command.type === 'Decline') {
    const reason = checkOptionalText(command.reason, 'reason', MAX_REASON_LENGTH);
    return [{ type: 'ElicitationDeclined', data: { by, reason, declinedAt: at } }];
  }
  const data = checkJson(command.data, 'data', MAX_ANSWER_BYTES);
  checkAnswer(state.schema, data);
  return [{ type: 'ElicitationAnswered', data: { by, data, answeredAt: at } }];
}

export function decideElicitation(
  command: ElicitationCommand,
  state: ElicitationState,
): ElicitationEvent[] {
  if (command.type === 'Ask') return ask(command, state);
  if (state === null) throw notFound('question', command.elicitationId);
  switch (command.type) {
    case 'Answer':
    case 'Decline':
      return respond(command, state);
    case 'Cancel': {
      if (command.actor.agentId !== state.from.agentId) {
        throw new CoordinationError(
          'not_asker',
          `only ${state.from.name}, who asked, may cancel question ${state.elicitationId}`,
        );
      }
      checkOpen(state, command.now);
      const reason = checkOptionalText(command.reason, 'reason', MAX_REASON_LENGTH);
      return [
        {
          type: 'ElicitationCancelled',
          data: { by: command.actor, reason, cancelledAt: isoAt(command.now) },
        },
      ];
    }
    case 'Expire':
      if (state.status !== 'open' || command.now < epochOf(state.deadline)) return [];
      return [{ type: 'ElicitationExpired', data: { expiredAt: isoAt(command.now) } }];
  }
}

export const elicitationDecider: Decider<ElicitationCommand, ElicitationState, ElicitationEvent> = {
  decide: decideElicitation,
  evolve: evolveElicitation,
  initialState: initialElicitationState,
};
