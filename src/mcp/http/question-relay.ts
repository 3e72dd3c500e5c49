import { ProtocolError, SdkError, type Server } from '@modelcontextprotocol/server';
import type { Principal } from '../../agents/principal.js';
import { parseAddress } from '../../coordination/addresses.js';
import type { ElicitationAsked } from '../../coordination/elicitations/events.js';
import type { ElicitationService } from '../../coordination/elicitations/service.js';
import { epochOf } from '../../coordination/time.js';
import { BridgeError } from '../../events/errors.js';
import { elicitationFormOf } from '../elicitation-form.js';

type Question = ElicitationAsked['data'];

/**
 * Puts the questions addressed by name to a session's agent in front of the user behind its
 * client, through MCP elicitation, when the client supports form elicitation. An accepted form
 * is recorded as the agent's answer and a declined one as its refusal; a dismissed form leaves
 * the question open for the agent to answer with its tools. A question settled another way
 * (another session answered, it expired) withdraws its form.
 * Questions are asked only while the client's stream is open (`streamOpen`): the transport
 * drops what it sends without one.
 */
export class QuestionRelay {
  private readonly asking = new Map<string, AbortController>();

  constructor(
    private readonly server: Server,
    private readonly principal: Principal,
    private readonly elicitations: ElicitationService,
    private readonly report: (error: unknown) => void,
    private readonly streamOpen: () => boolean,
  ) {}

  /** Asks the questions waiting for this agent; for a client whose stream just opened. */
  askPending(): void {
    for (const question of this.elicitations.pendingFor(this.principal)) {
      const address = parseAddress(question.to);
      if (address.kind === 'agent' && address.name === this.principal.name) this.ask(question);
    }
  }

  ask(question: Question): void {
    const elicitation = this.server.getClientCapabilities()?.elicitation;
    if (!this.streamOpen() || elicitation === undefined) return;
    if (this.asking.has(question.elicitationId)) return;
    // A bare `elicitation: {}` declares form support, as in the revisions before modes.
    if (Object.keys(elicitation).length > 0 && elicitation.form === undefined) return;
    const form = elicitationFormOf(question.schema);
    const timeout = epochOf(question.deadline) - Date.now();
    if (form === null || timeout <= 0) return;
    const controller = new AbortController();
    this.asking.set(question.elicitationId, controller);
    this.server
      .elicitInput(
        {
          mode: 'form',
          message: `${question.from.name} asks: ${question.question}`,
          requestedSchema: form.requestedSchema as never,
        },
        { signal: controller.signal, timeout },
      )
      .then(async (result) => {
        const id = question.elicitationId;
        if (result.action === 'accept') {
          await this.elicitations.answer(this.principal, id, form.answerOf(result.content));
        } else if (result.action === 'decline') {
          const client = this.server.getClientVersion()?.name ?? 'the MCP client';
          await this.elicitations.decline(this.principal, id, `declined by the user of ${client}`);
        }
      })
      .catch((error: unknown) => {
        // The relay is best effort: a withdrawn or unanswered form, a client that failed it, or a
        // question settled meanwhile leaves the question to the agent's tools.
        const expected =
          controller.signal.aborted ||
          error instanceof BridgeError ||
          error instanceof ProtocolError ||
          error instanceof SdkError;
        if (!expected) this.report(error);
      })
      .finally(() => this.asking.delete(question.elicitationId));
  }

  /** Withdraws the form of a question settled elsewhere. */
  withdraw(elicitationId: string): void {
    this.asking.get(elicitationId)?.abort();
  }

  withdrawAll(): void {
    for (const controller of this.asking.values()) controller.abort();
  }
}
