import type { Principal } from '../../agents/principal.js';
import { canonicalJson } from '../../events/canonical.js';
import { handleCommand } from '../../events/command-handler.js';
import type { JsonValue } from '../../events/envelope.js';
import { BridgeError } from '../../events/errors.js';
import type { EventStore } from '../../events/store.js';
import type { ReviewGate, Settled } from '../reviews/review-gate.js';
import type { Decision, GuardAgent, ToolCall, Verdict } from '../types.js';
import { ApprovalBook } from './approval-book.js';
import { approvalCodeFor, callDigest, normalizeApprovalCode } from './approval-code.js';
import { approvalDecider } from './approval-decider.js';
import { type DecisionPage, type DecisionQuery, listDecisions } from './decision-query.js';
import { DecisionTotals, type DecisionTotalsState } from './decision-totals.js';
import {
  type ApprovalGrant,
  approvalStreamId,
  guardCallsStreamId,
  type RecordedDecision,
  type RecordedOutcome,
} from './events.js';
import { LogFollower } from './log-follower.js';
import { recordedText } from './recorded-text.js';

export const DEFAULT_APPROVAL_TTL_MS = 10 * 60_000;

/** The part of the guard engine the audit needs. */
export interface DecisionEngine {
  decide(call: ToolCall): Decision;
}

export interface GuardAuditOptions {
  store: EventStore;
  engine: DecisionEngine;
  /** Keys approval codes (see deriveApprovalKey). */
  approvalKey: Uint8Array;
  /** How long a denial's code can be approved, and how long an approval then lasts. */
  approvalTtlMs?: number;
  now?: () => number;
  /** Told of every answered call: for latency metrics and the SLA tracker. */
  onJudged?: (judged: { verdict: Verdict; seconds: number; cached: boolean }) => void;
  refreshIntervalMs?: number;
  /** Settles escalated calls with the experts; without it, escalations ask the user. */
  reviews?: ReviewGate;
}

/** A call as the hook reports it. */
export interface GuardedCall {
  call: ToolCall;
  toolUseId: string | null;
}

export interface Judgement {
  verdict: Verdict;
  /** For the agent: what matched, why, and what to do instead. */
  reason: string;
  /** The audit event, as recorded. */
  recorded: RecordedDecision;
}

export interface ToolOutcome {
  agent: GuardAgent;
  sessionId: string | null;
  toolUseId: string | null;
  tool: string;
  success: boolean;
  /** The result or the error as text; redacted and shortened before it is recorded. */
  text: string;
}

const OUTCOME_SUMMARY_LENGTH = 1000;

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function minutes(ms: number): string {
  const count = Math.round(ms / 60_000);
  return count === 1 ? '1 minute' : `${count} minutes`;
}

/**
 * The guard's record keeper and gate: judges each call with the engine, turns anything that
 * goes wrong into a denial, offers and honours allow-once approvals, and appends the decision
 * durably before the answer is given.
 */
export class GuardAudit {
  private readonly store: EventStore;
  private readonly engine: DecisionEngine;
  private readonly approvalKey: Uint8Array;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly onJudged: GuardAuditOptions['onJudged'];
  private readonly reviews: ReviewGate | undefined;
  private readonly book: ApprovalBook;
  private readonly totalsFold = new DecisionTotals();
  private readonly approvals: LogFollower;
  private readonly totals: LogFollower;

  private constructor(options: GuardAuditOptions) {
    this.store = options.store;
    this.engine = options.engine;
    this.approvalKey = options.approvalKey;
    this.ttlMs = options.approvalTtlMs ?? DEFAULT_APPROVAL_TTL_MS;
    this.now = options.now ?? Date.now;
    this.onJudged = options.onJudged;
    this.reviews = options.reviews;
    this.book = new ApprovalBook(this.ttlMs, this.now);
    const follow = { refreshIntervalMs: options.refreshIntervalMs };
    this.approvals = new LogFollower(this.store, this.book, {
      ...follow,
      since: this.now() - this.ttlMs,
    });
    this.totals = new LogFollower(this.store, this.totalsFold, follow);
  }

  /** Opens the audit with its read models folded from the log. */
  static async open(options: GuardAuditOptions): Promise<GuardAudit> {
    const audit = new GuardAudit(options);
    await audit.approvals.start();
    await audit.totals.start();
    return audit;
  }

  async close(): Promise<void> {
    await this.approvals.stop();
    await this.totals.stop();
  }

  /** Lifetime counts of recorded decisions, including every decision answered so far. */
  async decisionTotals(): Promise<DecisionTotalsState> {
    await this.totals.catchUp();
    return this.totalsFold.current;
  }

  listDecisions(query: DecisionQuery): Promise<DecisionPage> {
    return listDecisions(this.store, query);
  }

  /** Never throws and never allows what it could not judge and record: failures are denials. */
  async judge({ call, toolUseId }: GuardedCall): Promise<Judgement> {
    const started = process.hrtime.bigint();
    let judgement: Judgement;
    try {
      judgement = await this.decideAndOffer(call, toolUseId);
    } catch (error) {
      judgement = this.failure(
        call,
        toolUseId,
        `the guard could not judge this call: ${describeError(error)}`,
      );
    }
    try {
      await this.store.appendToStream(guardCallsStreamId(call.agent.name), [
        {
          type: 'GuardDecisionRecorded',
          data: judgement.recorded,
          metadata: { agentId: call.agent.agentId, correlationId: call.sessionId },
        },
      ]);
    } catch (error) {
      judgement = {
        ...judgement,
        verdict: 'deny',
        reason: `The audit could not record this decision (${describeError(error)}), so the call is denied: nothing runs unrecorded. Retry the same call in a moment; if it keeps failing, the bridge's event store needs a human.`,
      };
    }
    // the time a review held the call is the experts', not the guard's
    const heldMs = judgement.recorded.review?.waitedMs ?? 0;
    this.onJudged?.({
      verdict: judgement.verdict,
      seconds: Math.max(0, Number(process.hrtime.bigint() - started) / 1e9 - heldMs / 1000),
      cached: judgement.recorded.cached,
    });
    return judgement;
  }

  async recordOutcome(outcome: ToolOutcome): Promise<void> {
    const summary = recordedText(outcome.text, OUTCOME_SUMMARY_LENGTH);
    const data: RecordedOutcome = {
      agentId: outcome.agent.agentId,
      agent: outcome.agent.name,
      sessionId: outcome.sessionId,
      toolUseId: outcome.toolUseId,
      tool: outcome.tool,
      success: outcome.success,
      summary: summary.text,
      truncated: summary.truncated,
    };
    await this.store.appendToStream(guardCallsStreamId(outcome.agent.name), [
      {
        type: 'ToolCallCompleted',
        data,
        metadata: {
          agentId: outcome.agent.agentId,
          ...(outcome.sessionId === null ? {} : { correlationId: outcome.sessionId }),
        },
      },
    ]);
  }

  /** A human allows the call behind a code once; recorded before it takes effect. */
  async approve(text: string, approver: Principal): Promise<ApprovalGrant> {
    const code = normalizeApprovalCode(text);
    if (code === null) {
      throw new BridgeError(
        'invalid_request',
        `approval code ${JSON.stringify(text)} is not 6 letters and digits`,
      );
    }
    await this.approvals.catchUp();
    const offer = this.book.offer(code);
    if (!offer) {
      throw new BridgeError(
        'not_found',
        `no denied call offered approval code ${code} in the last ${minutes(this.ttlMs)}; codes expire, so have the agent retry the call for a fresh one`,
      );
    }
    const grantedAt = this.now();
    const { state, result } = await handleCommand(
      this.store,
      approvalStreamId(code),
      approvalDecider,
      {
        type: 'GrantApproval',
        grant: {
          code,
          agentId: offer.agentId,
          agent: offer.agent,
          tool: offer.tool,
          inputDigest: offer.inputDigest,
          policyVersion: offer.policyVersion,
          summary: offer.summary,
          approvedBy: approver.name,
          grantedAt,
          expiresAt: grantedAt + this.ttlMs,
        },
      },
      { agentId: approver.agentId },
    );
    if (result) await this.approvals.catchUpTo(result.position);
    if (state.status !== 'granted') throw new Error(`approval ${code} was not granted`);
    return state.grant;
  }

  private async decideAndOffer(call: ToolCall, toolUseId: string | null): Promise<Judgement> {
    const { decision, review } = await this.settle(call, this.engine.decide(call));
    const recorded = this.recordOf(call, toolUseId, decision, review);
    if (decision.verdict !== 'deny' || !this.overridable(decision)) {
      return { verdict: decision.verdict, reason: decision.reason, recorded };
    }
    const inputDigest = callDigest(call.agent.agentId, decision);
    const code = approvalCodeFor(this.approvalKey, inputDigest);
    const offered = { ...recorded, approvalCode: code, inputDigest };
    const approvedBy = await this.consumeApproval(code, inputDigest, call, toolUseId);
    if (approvedBy !== null) {
      return {
        verdict: 'allow',
        reason: `Allowed once: ${approvedBy} approved code ${code} for this exact call. The rules alone would deny it: ${decision.reason}`,
        recorded: { ...offered, verdict: 'allow', approvedBy },
      };
    }
    return {
      verdict: 'deny',
      reason: `${decision.reason}\nApproval code ${code}: if a human agrees this exact call must run, they can allow it once with \`lighthouse-bridge approve ${code}\` within ${minutes(this.ttlMs)}; then retry the call unchanged.`,
      recorded: offered,
    };
  }

  /**
   * Escalated calls go to the experts, unless a human has allowed this exact call once after it
   * was denied: then it takes the way of a denial, which consumes that approval.
   */
  private async settle(call: ToolCall, decision: Decision): Promise<Settled> {
    const { escalation } = decision;
    if (!escalation || !this.reviews) return { decision, review: null };
    const inputDigest = callDigest(call.agent.agentId, decision);
    if (this.liveGrant(approvalCodeFor(this.approvalKey, inputDigest), inputDigest, call)) {
      return {
        decision: { ...decision, verdict: 'deny', reason: escalation.reason },
        review: null,
      };
    }
    return this.reviews.settle(call, decision);
  }

  private liveGrant(code: string, inputDigest: string, call: ToolCall): ApprovalGrant | null {
    const grant = this.book.grant(code);
    if (!grant || grant.inputDigest !== inputDigest || grant.agentId !== call.agent.agentId) {
      return null;
    }
    return grant;
  }

  /** Who approved the code, when a live grant for this exact call was consumed now. */
  private async consumeApproval(
    code: string,
    inputDigest: string,
    call: ToolCall,
    toolUseId: string | null,
  ): Promise<string | null> {
    const grant = this.liveGrant(code, inputDigest, call);
    if (!grant) return null;
    try {
      const { result } = await handleCommand(this.store, approvalStreamId(code), approvalDecider, {
        type: 'ConsumeApproval',
        code,
        agentId: call.agent.agentId,
        inputDigest,
        sessionId: call.sessionId ?? null,
        toolUseId,
        now: this.now(),
      });
      if (result) await this.approvals.catchUpTo(result.position);
      return grant.approvedBy;
    } catch {
      // Used by a concurrent identical call, expired meanwhile, or not recordable: stay denied.
      return null;
    }
  }

  private overridable(decision: Decision): boolean {
    return decision.matches.every((match) => match.decision !== 'deny' || !match.locked);
  }

  private recordOf(
    call: ToolCall,
    toolUseId: string | null,
    decision: Decision,
    review: Settled['review'],
  ): RecordedDecision {
    const { normalized } = decision;
    const recorded = recordedDecision(call, toolUseId, {
      input: {
        cwd: normalized.cwd,
        input: recordedText(normalized.input).text,
        commands: (normalized.commands ?? []).map((command) => recordedText(command).text),
      },
      verdict: decision.verdict,
      ruleDecision: decision.decision,
      ruleIds: decision.matches.map((match) => match.ruleId),
      reason: recordedText(decision.reason).text,
      durationMicros: decision.durationMicros,
      policyVersion: decision.policyVersion,
      cached: decision.cached,
      failure: null,
    });
    if (review) recorded.review = review;
    return recorded;
  }

  private failure(call: ToolCall, toolUseId: string | null, why: string): Judgement {
    return {
      verdict: 'deny',
      reason: `Denied because ${why}. Nothing unjudged may run: retry the call, or ask a human to check the bridge's log.`,
      recorded: recordedDecision(call, toolUseId, {
        input: {
          cwd: call.cwd,
          input: recordedText(canonicalJson(call.input as JsonValue)).text,
          commands: [],
        },
        verdict: 'deny',
        ruleDecision: 'deny',
        ruleIds: [],
        reason: recordedText(why).text,
        durationMicros: 0,
        policyVersion: 'unknown',
        cached: false,
        failure: recordedText(why).text,
      }),
    };
  }
}

type RuleOutcome = Omit<
  RecordedDecision,
  | 'agentId'
  | 'agent'
  | 'sessionId'
  | 'toolUseId'
  | 'tool'
  | 'approvalCode'
  | 'inputDigest'
  | 'approvedBy'
  | 'review'
>;

/** Written out field by field, not spread: this runs for every call and must keep one shape. */
function recordedDecision(
  call: ToolCall,
  toolUseId: string | null,
  outcome: RuleOutcome,
): RecordedDecision {
  return {
    agentId: call.agent.agentId,
    agent: call.agent.name,
    sessionId: call.sessionId ?? null,
    toolUseId,
    tool: call.tool,
    input: outcome.input,
    verdict: outcome.verdict,
    ruleDecision: outcome.ruleDecision,
    ruleIds: outcome.ruleIds,
    reason: outcome.reason,
    durationMicros: outcome.durationMicros,
    policyVersion: outcome.policyVersion,
    cached: outcome.cached,
    approvalCode: null,
    inputDigest: null,
    approvedBy: null,
    failure: outcome.failure,
  };
}
