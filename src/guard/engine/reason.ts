import { redactSecrets } from '../secrets/scan.js';
import type { Evidence, RuleDecision } from '../types.js';
import type { Combined } from './combine.js';
import type { Finding } from './evaluate.js';

export const LEAD: Record<RuleDecision, string> = {
  deny: 'Blocked',
  escalate: 'Held for review',
  ask: 'Needs the user’s confirmation',
  allow: 'Allowed',
};

const MAX_OTHERS = 5;

/** Where a rule matched, in words: the command, the words or path that made it match. */
export function describeEvidence(evidence: Evidence): string {
  const parts: string[] = [];
  if (evidence.command) parts.push(`\`${evidence.command}\``);
  if (evidence.words && evidence.words.length > 0) {
    parts.push(`on ${evidence.words.map((word) => `"${word}"`).join(', ')}`);
  }
  if (evidence.path)
    parts.push(`${evidence.access ? `${evidence.access} of ` : ''}${evidence.path}`);
  if (evidence.detail) parts.push(`(${evidence.detail})`);
  return parts.join(' ');
}

export function describeFinding(finding: Finding): string {
  const where = describeEvidence(finding.evidence);
  const text = `${finding.reason}${where ? ` Matched: ${where}.` : ''} [rule ${finding.ruleId}]`;
  return finding.suggestion ? `${text} Instead: ${finding.suggestion}` : text;
}

/** The reason a model reads: what matched, why, and what to do instead. */
export function reasonFor(combined: Combined): string {
  const [top] = combined.counted;
  if (!top || combined.decision === 'allow') {
    const lifted = combined.lifted.map((finding) => finding.ruleId);
    return lifted.length > 0
      ? `Allowed: the project's policy permits this (${lifted.join(', ')} lifted).`
      : 'Allowed: no guard rule objects to this call.';
  }
  const leading = combined.counted.filter((finding) => finding.decision === combined.decision);
  const others = combined.counted.filter(
    (finding) => finding.decision !== combined.decision && finding.decision !== 'allow',
  );
  const lines = [`${LEAD[combined.decision]} by the Lighthouse guard.`];
  for (const finding of leading) lines.push(describeFinding(finding));
  if (others.length > 0) {
    const listed = others
      .slice(0, MAX_OTHERS)
      .map((finding) => `${finding.ruleId} (${finding.decision})`);
    const more = others.length > MAX_OTHERS ? ` and ${others.length - MAX_OTHERS} more` : '';
    lines.push(`Also matched: ${listed.join(', ')}${more}.`);
  }
  // the agent wrote any secret itself, but reasons are shown and recorded: keep them out
  return redactSecrets(lines.join('\n'));
}
