import type { EventEnvelope } from '../../events/envelope.js';
import type { ApprovalGrant, RecordedDecision } from './events.js';
import type { LogFold } from './log-follower.js';

/** A denial that offered an approval code: what a human approving the code allows. */
export interface ApprovalOffer {
  code: string;
  agentId: string;
  agent: string;
  tool: string;
  inputDigest: string;
  policyVersion: string;
  summary: string;
  /** Epoch milliseconds of the latest denial offering the code. */
  offeredAt: number;
}

const SUMMARY_LENGTH = 300;

function summaryOf(decision: RecordedDecision): string {
  const text =
    decision.input.commands.length > 0 ? decision.input.commands.join('; ') : decision.input.input;
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text;
}

/** Drops the oldest entries of an insertion-ordered map while they are too old. */
function dropExpired<T>(entries: Map<string, T>, isExpired: (entry: T) => boolean): void {
  for (const [key, entry] of entries) {
    if (!isExpired(entry)) return;
    entries.delete(key);
  }
}

/**
 * The approval codes in play: offers made by recent denials and grants not yet used. Only the
 * last `ttlMs` matter (older offers cannot be approved, older grants have expired), so the book
 * stays small and is rebuilt from that stretch of the log at start.
 */
export class ApprovalBook implements LogFold {
  readonly types = ['GuardDecisionRecorded', 'GuardApprovalGranted', 'GuardApprovalConsumed'];
  private readonly offers = new Map<string, ApprovalOffer>();
  private readonly grants = new Map<string, ApprovalGrant>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** The offer behind a code, while it can still be approved. */
  offer(code: string): ApprovalOffer | undefined {
    const offer = this.offers.get(code);
    return offer && offer.offeredAt + this.ttlMs > this.now() ? offer : undefined;
  }

  /** The grant of a code, while it is unused and unexpired. */
  grant(code: string): ApprovalGrant | undefined {
    const grant = this.grants.get(code);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }

  apply(event: EventEnvelope): void {
    switch (event.type) {
      case 'GuardDecisionRecorded':
        this.recordOffer(event.data as RecordedDecision, Date.parse(event.recordedAt));
        break;
      case 'GuardApprovalGranted': {
        const grant = event.data as ApprovalGrant;
        this.grants.delete(grant.code);
        this.grants.set(grant.code, grant);
        break;
      }
      case 'GuardApprovalConsumed':
        this.grants.delete((event.data as { code: string }).code);
        break;
    }
    const now = this.now();
    dropExpired(this.offers, (offer) => offer.offeredAt + this.ttlMs <= now);
    dropExpired(this.grants, (grant) => grant.expiresAt <= now);
  }

  private recordOffer(decision: RecordedDecision, offeredAt: number): void {
    const { approvalCode, inputDigest } = decision;
    if (!approvalCode || !inputDigest) return;
    this.offers.delete(approvalCode);
    this.offers.set(approvalCode, {
      code: approvalCode,
      agentId: decision.agentId,
      agent: decision.agent,
      tool: decision.tool,
      inputDigest,
      policyVersion: decision.policyVersion,
      summary: summaryOf(decision),
      offeredAt,
    });
  }
}
