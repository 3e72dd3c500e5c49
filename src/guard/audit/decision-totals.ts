import type { EventEnvelope, JsonValue } from '../../events/envelope.js';
import type { Verdict } from '../types.js';
import type { RecordedDecision } from './events.js';
import type { SnapshotFold } from './log-follower.js';

export type DecisionTotalsState = {
  decisions: number;
  byVerdict: Record<Verdict, number>;
  cached: number;
  /** Denials a human's approval turned into a single allow. */
  approvedOnce: number;
  /** Denials because the guard could not decide or the audit could not be recorded. */
  failures: number;
};

export function initialDecisionTotals(): DecisionTotalsState {
  return {
    decisions: 0,
    byVerdict: { allow: 0, ask: 0, deny: 0 },
    cached: 0,
    approvedOnce: 0,
    failures: 0,
  };
}

export function evolveDecisionTotals(
  state: DecisionTotalsState,
  decision: Pick<RecordedDecision, 'verdict' | 'cached' | 'approvedBy' | 'failure'>,
): DecisionTotalsState {
  return {
    decisions: state.decisions + 1,
    byVerdict: { ...state.byVerdict, [decision.verdict]: state.byVerdict[decision.verdict] + 1 },
    cached: state.cached + (decision.cached ? 1 : 0),
    approvedOnce: state.approvedOnce + (decision.approvedBy ? 1 : 0),
    failures: state.failures + (decision.failure ? 1 : 0),
  };
}

/** Every guard decision ever recorded, counted: the lifetime half of the guard's statistics. */
export class DecisionTotals implements SnapshotFold {
  readonly types = ['GuardDecisionRecorded'];
  readonly snapshotName = 'guard-decision-totals';
  readonly snapshotVersion = 1;
  private state = initialDecisionTotals();

  get current(): DecisionTotalsState {
    return this.state;
  }

  apply(event: EventEnvelope): void {
    this.state = evolveDecisionTotals(this.state, event.data as RecordedDecision);
  }

  saveState(): JsonValue {
    return this.state;
  }

  restoreState(state: JsonValue): void {
    this.state = { ...initialDecisionTotals(), ...(state as Partial<DecisionTotalsState>) };
  }
}
