import type { ReviewDecision, ReviewRisk } from './events.js';
import type { ExpertDecision } from './evolve.js';

/** One approval settles a normal review; a high-risk one needs two, from distinct experts. */
export function approvalsNeeded(risk: ReviewRisk): number {
  return risk === 'high' ? 2 : 1;
}

/** What the experts' decisions settle, if anything: any reject denies. */
export function consensusOf(
  decisions: readonly ExpertDecision[],
  risk: ReviewRisk,
): ReviewDecision | null {
  if (decisions.some((decision) => !decision.approve)) return 'deny';
  const approvers = new Set(decisions.map((decision) => decision.expert.agentId));
  return approvers.size >= approvalsNeeded(risk) ? 'allow' : null;
}
