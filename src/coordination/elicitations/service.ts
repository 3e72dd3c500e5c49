import type { Principal } from '../../agents/principal.js';
import type { EventStore } from '../../events/store.js';
import { isUuid, uuidv7 } from '../../events/uuid.js';
import { actorOf, refOf } from '../actor.js';
import { type AgentDirectory, parseAddress, reaches, resolveRecipients } from '../addresses.js';
import { Deadlines } from '../deadlines.js';
import { CoordinationError, notFound } from '../errors.js';
import { executeCommand } from '../execute.js';
import { checkWholeNumber } from '../fields.js';
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

function deadlineOf(state: ElicitationState): number | null {
  return state?.status === 'open' ? epochOf(state.deadline) : null;
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
  ): Promise<Elicitation> {
    const wait = checkWholeNumber(waitMs, 'waitMs', { min: 0, max: MAX_WAIT_MS, fallback: 0 });
    const current = this.get(principal, elicitationId);
    if (current.status !== 'open' || wait === 0) return current;
    await this.waiters.wait(current.elicitationId, wait);
    return this.get(principal, elicitationId);
  }

  /** Open questions the caller may answer, oldest first. */
  pendingFor(principal: Principal): Elicitation[] {
    const actor = actorOf(principal, this.agents);
    return [...this.openQuestions()].filter(
      (question) => question.from.agentId !== actor.agentId && reaches(question.to, actor),
    );
  }

  /** Questions the caller asked, oldest first, optionally only those with one status. */
  askedBy(principal: Principal, status?: ElicitationStatus): Elicitation[] {
    const asked: Elicitation[] = [];
    for (const question of this.book.all()) {
      if (question === null || question.from.agentId !== principal.agentId) continue;
      if (status === undefined || question.status === status) asked.push(question);
    }
    return asked;
  }

  private *openQuestions(): Generator<Elicitation> {
    for (const question of this.book.live()) if (question !== null) yield question;
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
