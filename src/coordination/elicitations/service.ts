import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { isUuid, uuidv7 } from '../../events/uuid.js';
import { type Actor, actorOf, refOf } from '../actor.js';
import { type AgentDirectory, parseAddress, reaches, resolveRecipients } from '../addresses.js';
import { Deadlines } from '../deadlines.js';
import { CoordinationError, invalidInput, notFound } from '../errors.js';
import { executeCommand } from '../execute.js';
import { checkOneOf, checkWholeNumber } from '../fields.js';
import { OutcomeWaiters } from '../outcome-waiters.js';
import { Projection } from '../projection.js';
import { StreamStates } from '../stream-states.js';
import { type Clock, epochOf, systemClock } from '../time.js';
import {
  type ElicitationCommand,
  elicitationDecider,
  MAX_ELICITATION_TIMEOUT_MS,
} from './decide.js';
import {
  ELICITATION_STATUSES,
  ELICITATION_STREAM_PREFIX,
  type ElicitationEvent,
  type ElicitationStatus,
  elicitationStreamId,
} from './events.js';
import type { Elicitation, ElicitationState } from './evolve.js';

export interface AskInput {
  /** An address: agent name, `role:<role>`, `capability:<name>` or `*`. */
  to: string;
  question: string;
  /** JSON Schema the answer must match. */
  schema: unknown;
  /** Default 30 s, at most 1 h. */
  timeoutMs?: number;
}

export interface ElicitationServiceOptions {
  clock?: Clock;
}

/** The longest a caller may wait for an outcome: as long as a question may stay open. */
export const MAX_WAIT_MS = MAX_ELICITATION_TIMEOUT_MS;

/** A listing shows the questions addressed to the caller, or those it asked. */
export const ELICITATION_SIDES = ['addressed', 'asked'] as const;
export type ElicitationSide = (typeof ELICITATION_SIDES)[number];
export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 500;

/** What a caller may ask of a listing; every field is optional. */
export interface ElicitationFilter {
  /** `addressed` (the default): questions the caller may answer or could have; `asked`: its own. */
  role?: ElicitationSide;
  status?: ElicitationStatus;
  /** Only questions asked before this one (a cursor for the next page). */
  before?: string;
  /** At most this many, newest first (default 50, at most 500). */
  limit?: number;
}

/** One page of a listing; `next` is the `before` of the following page, null at the end. */
export interface ElicitationPage {
  elicitations: Elicitation[];
  next: string | null;
}

function deadlineOf(state: ElicitationState): number | null {
  return state?.status === 'open' ? epochOf(state.deadline) : null;
}

/** Whether the question is for the actor to answer: addressed to it, and not its own. */
function isAddressee(question: Elicitation, actor: Actor): boolean {
  return question.from.agentId !== actor.agentId && reaches(question.to, actor);
}

/** Ids are UUIDv7, so their text order is the order the questions were asked in. */
function newestFirst(left: Elicitation, right: Elicitation): number {
  return left.elicitationId < right.elicitationId ? 1 : -1;
}

/** Questions with typed answers, expired at their deadlines by a timer (or at start when overdue). */
export class ElicitationService {
  private readonly book: StreamStates<ElicitationState, ElicitationEvent>;
  private readonly projection: Projection;
  private readonly deadlines: Deadlines;
  private readonly waiters = new OutcomeWaiters();
  private readonly clock: Clock;

  constructor(
    private readonly store: EventStore,
    private readonly agents: AgentDirectory,
    options: ElicitationServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.deadlines = new Deadlines((id) => this.expire(id), this.clock);
    this.book = new StreamStates({
      prefix: ELICITATION_STREAM_PREFIX,
      decider: elicitationDecider,
      isActive: (state) => state?.status === 'open',
      changed: (id, state) => {
        this.deadlines.track(id, deadlineOf(state));
        if (state?.status !== 'open') this.waiters.notify(id);
      },
    });
    this.projection = new Projection(store, this.book, {
      name: 'coordination.elicitations',
      version: 1,
      filter: { streamPrefix: ELICITATION_STREAM_PREFIX },
    });
  }

  async start(): Promise<void> {
    await this.projection.start();
    await this.deadlines.resume(
      [...this.openQuestions()].map((question) => ({
        id: question.elicitationId,
        deadline: deadlineOf(question),
      })),
    );
  }

  get ready(): boolean {
    return this.projection.ready;
  }

  async close(): Promise<void> {
    this.deadlines.stop();
    this.waiters.releaseAll();
    await this.projection.close();
  }

  /** Asks; the address must reach at least one registered agent besides the asker. */
  async ask(principal: Principal, input: AskInput): Promise<Elicitation> {
    const reached = resolveRecipients(parseAddress(input.to), this.agents, principal.agentId);
    if (reached.every((agent) => agent.agentId === principal.agentId)) {
      throw new CoordinationError(
        'no_recipients',
        'a question needs someone besides the asker to answer it',
      );
    }
    const elicitationId = uuidv7();
    await this.execute(principal, {
      type: 'Ask',
      elicitationId,
      asker: refOf(principal),
      to: input.to,
      question: input.question,
      schema: input.schema,
      timeoutMs: input.timeoutMs,
      now: this.clock(),
    });
    return this.get(principal, elicitationId);
  }

  /** Answers with data that must match the question's schema; the first answer wins. */
  async answer(principal: Principal, elicitationId: string, data: unknown): Promise<Elicitation> {
    const id = this.visibleId(principal, elicitationId);
    const responder = actorOf(principal, this.agents);
    await this.execute(principal, {
      type: 'Answer',
      elicitationId: id,
      responder,
      data,
      now: this.clock(),
    });
    return this.get(principal, id);
  }

  async decline(
    principal: Principal,
    elicitationId: string,
    reason?: string,
  ): Promise<Elicitation> {
    const id = this.visibleId(principal, elicitationId);
    const responder = actorOf(principal, this.agents);
    await this.execute(principal, {
      type: 'Decline',
      elicitationId: id,
      responder,
      reason,
      now: this.clock(),
    });
    return this.get(principal, id);
  }

  async cancel(principal: Principal, elicitationId: string, reason?: string): Promise<Elicitation> {
    const id = this.visibleId(principal, elicitationId);
    await this.execute(principal, {
      type: 'Cancel',
      elicitationId: id,
      actor: refOf(principal),
      reason,
      now: this.clock(),
    });
    return this.get(principal, id);
  }

  /** A question as its asker, an agent it is addressed to, or an admin sees it. */
  get(principal: Principal, elicitationId: string): Elicitation {
    return this.book.get(this.visibleId(principal, elicitationId)) as Elicitation;
  }

  /**
   * The question once it is answered, declined, cancelled or expired, or as it stands after
   * `waitMs`. It resolves as soon as the outcome is folded from the log, without polling.
   */
  async waitForOutcome(
    principal: Principal,
    elicitationId: string,
    waitMs: number,
    signal?: AbortSignal,
  ): Promise<Elicitation> {
    const wait = checkWholeNumber(waitMs, 'waitMs', { min: 0, max: MAX_WAIT_MS, fallback: 0 });
    const current = this.get(principal, elicitationId);
    if (current.status !== 'open' || wait === 0) return current;
    await this.waiters.wait(current.elicitationId, wait, signal);
    return this.get(principal, elicitationId);
  }

  /** Open questions the caller may answer, oldest first. */
  pendingFor(principal: Principal): Elicitation[] {
    const actor = actorOf(principal, this.agents);
    return [...this.openQuestions()].filter((question) => isAddressee(question, actor));
  }

  /** The questions addressed to the caller or asked by it, newest first, a page at a time. */
  list(principal: Principal, filter: ElicitationFilter = {}): ElicitationPage {
    const role = checkOneOf(filter.role, 'role', ELICITATION_SIDES, 'addressed');
    const status =
      filter.status === undefined
        ? null
        : checkOneOf(filter.status, 'status', ELICITATION_STATUSES, 'open');
    if (filter.before !== undefined && !isUuid(filter.before)) {
      throw invalidInput('before', 'before must be a question id');
    }
    const before = filter.before?.toLowerCase() ?? null;
    const limit = checkWholeNumber(filter.limit, 'limit', {
      min: 1,
      max: MAX_LIST_LIMIT,
      fallback: DEFAULT_LIST_LIMIT,
    });
    const actor = actorOf(principal, this.agents);
    const isMine =
      role === 'asked'
        ? (question: Elicitation) => question.from.agentId === actor.agentId
        : (question: Elicitation) => isAddressee(question, actor);
    const found = [...(status === 'open' ? this.openQuestions() : this.questions())]
      .filter(
        (question) =>
          isMine(question) &&
          (status === null || question.status === status) &&
          (before === null || question.elicitationId < before),
      )
      .sort(newestFirst);
    const page = found.slice(0, limit);
    return {
      elicitations: page,
      next: found.length > limit ? (page.at(-1) as Elicitation).elicitationId : null,
    };
  }

  /** Questions the caller asked, oldest first, optionally only those with one status. */
  askedBy(principal: Principal, status?: ElicitationStatus): Elicitation[] {
    return [...this.questions()].filter(
      (question) =>
        question.from.agentId === principal.agentId &&
        (status === undefined || question.status === status),
    );
  }

  private *openQuestions(): Generator<Elicitation> {
    for (const question of this.book.live()) if (question !== null) yield question;
  }

  private *questions(): Generator<Elicitation> {
    for (const question of this.book.all()) if (question !== null) yield question;
  }

  private visibleId(principal: Principal, elicitationId: string): string {
    const id = elicitationId.toLowerCase();
    const question = isUuid(id) ? this.book.get(id) : undefined;
    const visible =
      question !== undefined &&
      question !== null &&
      (question.from.agentId === principal.agentId ||
        principal.role === 'admin' ||
        reaches(question.to, actorOf(principal, this.agents)));
    if (!visible) throw notFound('question', elicitationId);
    return id;
  }

  private async expire(elicitationId: string): Promise<void> {
    await this.execute(undefined, { type: 'Expire', elicitationId, now: this.clock() });
  }

  private async execute(
    principal: Principal | undefined,
    command: ElicitationCommand,
  ): Promise<void> {
    await executeCommand(
      this.store,
      this.projection,
      elicitationStreamId(command.elicitationId),
      elicitationDecider,
      command,
      principal,
    );
  }
}
