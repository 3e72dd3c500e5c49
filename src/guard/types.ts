import type { Role } from '../agents/principal.js';
import type { EscalationRequest } from './engine/escalation.js';

/** What a rule says about a call. `escalate` asks someone else (an expert, a human) to judge. */
export type RuleDecision = 'deny' | 'ask' | 'allow' | 'escalate';

/** What the guard answers the agent's client. */
export type Verdict = 'deny' | 'ask' | 'allow';

export interface GuardAgent {
  agentId: string;
  name: string;
  role: Role;
}

/** One tool call as a Claude Code PreToolUse hook reports it, with who makes it. */
export interface ToolCall {
  tool: string;
  /** The tool's input exactly as received; its shape is checked, never trusted. */
  input: unknown;
  /** Absolute working directory of the agent. */
  cwd: string;
  /** Defaults to the guard's project root. */
  projectRoot?: string;
  /** Defaults to the guard's home directory. */
  home?: string;
  agent: GuardAgent;
  sessionId?: string;
}

/** What a rule matched on, so a reader can see why it fired. */
export interface Evidence {
  /** The shell command as rendered canonically, when the rule judged a shell command. */
  command?: string;
  /** The words of that command the rule's conditions matched. */
  words?: string[];
  /** The absolute path the rule's path condition matched. */
  path?: string;
  /** How the path was accessed: read, write or delete. */
  access?: string;
  /** Anything else that matched: a URL, an MCP tool, the kind of a secret, a SQL statement. */
  detail?: string;
}

export interface RuleMatch {
  ruleId: string;
  pack: string;
  /** The decision after the profile and the policy's overrides. */
  decision: RuleDecision;
  reason: string;
  suggestion?: string;
  /** A catastrophic deny that no policy can weaken, nor a human approve once. */
  locked: boolean;
  evidence: Evidence;
}

export interface Decision {
  verdict: Verdict;
  /** The strongest decision among the matched rules (allow when none matched). */
  decision: RuleDecision;
  /** Every rule that matched and counted, strongest first. */
  matches: RuleMatch[];
  /** What matched, why, and the safe alternative; written for the agent to act on. */
  reason: string;
  /** Canonical form of the call: the cache key's input and what the audit records. */
  normalized: NormalizedInput;
  policyVersion: string;
  cached: boolean;
  durationMicros: number;
  /** When the decision is `escalate`: what a review of the call needs. */
  escalation?: EscalationRequest;
}

export interface NormalizedInput {
  tool: string;
  cwd: string;
  /** The tool input reduced to the fields the guard judges, in canonical JSON. */
  input: string;
  /** For shell calls: every simple command found, rendered canonically. */
  commands?: string[];
}
