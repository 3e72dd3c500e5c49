import type { CommandFacts } from '../commands/shell-facts.js';
import type { Locations } from '../paths/locations.js';
import type { Evidence, RuleDecision } from '../types.js';
import type { Access, Fallback, Risk } from './rule-types.js';
import type { McpSubject, PathEffect, WebSubject } from './subjects.js';

export type RuleMatcher =
  | {
      kind: 'shell';
      /** Command names it needs; null for any command. */
      commands: readonly string[] | null;
      /** Literal first subcommand words it needs (push, delete); null when it takes any. */
      subcommands: readonly string[] | null;
      test(command: CommandFacts): Evidence | null;
    }
  | {
      kind: 'file';
      access: readonly Access[];
      test(effect: PathEffect, at: Locations): Evidence | null;
    }
  | { kind: 'web'; test(subject: WebSubject): Evidence | null }
  | { kind: 'mcp'; test(subject: McpSubject): Evidence | null }
  | { kind: 'tool'; test(tool: string): Evidence | null };

/** A rule ready to match: its conditions compiled, its lists expanded. */
export interface CompiledRule {
  id: string;
  pack: string;
  description: string;
  decision: RuleDecision;
  reason: string;
  suggestion?: string;
  locked: boolean;
  /**
   * The rule's own risk, else its pack's. Asks and escalations of high-risk rules become denies
   * under the strict profile, and their reviews need two approvals.
   */
  risk: Risk;
  /** Experts holding this capability review the call when the rule escalates. */
  capability?: string;
  fallback: Fallback;
  profiles: { strict?: RuleDecision; permissive?: RuleDecision };
  allows: readonly string[];
  matcher: RuleMatcher;
}
