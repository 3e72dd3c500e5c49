import type { Direction, EventEnvelope } from '../../events/envelope.js';
import type { EventStore } from '../../events/store.js';
import type { Verdict } from '../types.js';
import type { RecordedDecision } from './events.js';

/** How many events one listing reads at most when filters the store cannot apply are given. */
export const DECISION_SCAN_BUDGET = 5000;
const SCAN_PAGE = 500;

export interface DecisionQuery {
  agentId?: string;
  sessionId?: string;
  verdict?: Verdict;
  tool?: string;
  ruleId?: string;
  after?: number;
  direction?: Direction;
  limit: number;
}

export type ListedDecision = RecordedDecision & { position: number; recordedAt: string };

export interface DecisionPage {
  decisions: ListedDecision[];
  /** Pass as `after` for the next page; null at the end. */
  next: number | null;
}

function matches(decision: RecordedDecision, query: DecisionQuery): boolean {
  return (
    (query.verdict === undefined || decision.verdict === query.verdict) &&
    (query.tool === undefined || decision.tool === query.tool) &&
    (query.ruleId === undefined || decision.ruleIds.includes(query.ruleId))
  );
}

function listed(event: EventEnvelope): ListedDecision {
  return {
    position: event.position,
    recordedAt: event.recordedAt,
    ...(event.data as RecordedDecision),
  };
}

/**
 * Guard decisions in log order. Agent and session are filters of the store (indexed metadata);
 * verdict, tool and rule are applied here, reading at most DECISION_SCAN_BUDGET events per call,
 * so a page may hold fewer than `limit` decisions while `next` still says there is more to read.
 */
export async function listDecisions(
  store: EventStore,
  query: DecisionQuery,
): Promise<DecisionPage> {
  const filtered =
    query.verdict !== undefined || query.tool !== undefined || query.ruleId !== undefined;
  const decisions: ListedDecision[] = [];
  let after = query.after;
  let scanned = 0;
  for (;;) {
    const page = await store.readAll({
      types: ['GuardDecisionRecorded'],
      agentId: query.agentId,
      correlationId: query.sessionId,
      after,
      direction: query.direction,
      limit: filtered ? SCAN_PAGE : query.limit - decisions.length,
    });
    for (const event of page.events) {
      after = event.position;
      if (!matches(event.data as RecordedDecision, query)) continue;
      decisions.push(listed(event));
      if (decisions.length === query.limit) {
        const more = page.next !== null || event !== page.events.at(-1);
        return { decisions, next: more ? event.position : null };
      }
    }
    scanned += page.events.length;
    if (page.next === null) return { decisions, next: null };
    if (scanned >= DECISION_SCAN_BUDGET) return { decisions, next: after ?? null };
  }
}
