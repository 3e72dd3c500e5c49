import type { CommandView } from '../commands/command-view.js';
import { type CommandFacts, ShellFacts } from '../commands/shell-facts.js';
import type { Locations } from '../paths/locations.js';
import type { Policy } from '../policy/build-policy.js';
import { META_PACK, META_RULES } from '../policy/meta-rules.js';
import type { PolicyView } from '../policy/policy-view.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import type { PathEffect } from '../rules/subjects.js';
import type { Evidence, RuleDecision } from '../types.js';
import type { NormalizedCall } from './normalize-call.js';

export const WHOLE_CALL = -1;

export type ShellAnalysis = { ok: true; commands: CommandView[] } | { ok: false; problem: string };

/** Turns a shell command line into the simple commands it runs. */
export type ShellAnalyzer = (source: string, at: Locations) => ShellAnalysis;

/** A rule (or one of the guard's own checks) that matched one part of a call. */
export interface Finding {
  ruleId: string;
  pack: string;
  decision: RuleDecision;
  reason: string;
  suggestion?: string;
  locked: boolean;
  allows: readonly string[];
  evidence: Evidence;
  /** Which part of the call matched: a shell command's index, 0 for other tools, -1 the whole call. */
  subject: number;
  /** `disabled` findings are only collected for explanations. */
  status: 'active' | 'disabled';
}

export interface Evaluation {
  findings: Finding[];
  /** Shell calls: every simple command, rendered. */
  commands?: string[];
  /** Absolute paths the call writes or deletes, as far as they are known; absent when none. */
  writes?: string[];
}

function metaFinding(
  ruleId: string,
  decision: RuleDecision,
  reason: string,
  detail: string,
): Finding {
  return {
    ruleId,
    pack: META_PACK,
    decision,
    reason,
    locked: false,
    allows: [],
    evidence: { detail },
    subject: WHOLE_CALL,
    status: 'active',
  };
}

class Collector {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly view: PolicyView,
    private readonly explaining: boolean,
  ) {}

  /** The rule's decision when it is to be tried, null when it is off for this view. */
  wants(rule: CompiledRule): RuleDecision | 'disabled' | null {
    const decision = this.view.decisions.get(rule.id);
    if (decision !== undefined) return decision;
    return this.explaining && this.view.disabled.has(rule.id) ? 'disabled' : null;
  }

  /** Records a match; a rule counts once per part of the call, with its first evidence. */
  add(rule: CompiledRule, wanted: RuleDecision | 'disabled', subject: number, evidence: Evidence) {
    const key = `${rule.id}\0${subject}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const finding: Finding = {
      ruleId: rule.id,
      pack: rule.pack,
      decision: wanted === 'disabled' ? rule.decision : wanted,
      reason: rule.reason,
      locked: rule.locked,
      allows: rule.allows,
      evidence,
      subject,
      status: wanted === 'disabled' ? 'disabled' : 'active',
    };
    if (rule.suggestion !== undefined) finding.suggestion = rule.suggestion;
    this.findings.push(finding);
  }
}

function addWrites(writes: string[], effects: readonly PathEffect[]): void {
  for (const effect of effects) if (effect.access !== 'read') writes.push(effect.path);
}

// The loops below test a rule only when it is on for the view; they stay free of closures,
// since they run for every rule of every call.

function checkEffects(
  policy: Policy,
  collector: Collector,
  effects: readonly PathEffect[],
  at: Locations,
  subject: number,
) {
  for (const effect of effects) {
    for (const rule of policy.index.fileByAccess[effect.access]) {
      const wanted = collector.wants(rule);
      if (wanted === null || rule.matcher.kind !== 'file') continue;
      const evidence = rule.matcher.test(effect, at);
      if (evidence) collector.add(rule, wanted, subject, evidence);
    }
  }
}

function checkCommand(
  collector: Collector,
  rules: readonly CompiledRule[],
  command: CommandFacts,
): void {
  for (const rule of rules) {
    const wanted = collector.wants(rule);
    if (wanted === null || rule.matcher.kind !== 'shell') continue;
    const evidence = rule.matcher.test(command);
    if (evidence) collector.add(rule, wanted, command.view.index, evidence);
  }
}

function evaluateShell(
  policy: Policy,
  collector: Collector,
  analysis: ShellAnalysis & { ok: true },
  at: Locations,
  writes: string[],
): string[] {
  const facts = new ShellFacts(analysis.commands, at);
  for (const command of facts.commands) {
    const named = policy.index.shellByCommand.get(command.view.name);
    if (named) {
      checkCommand(collector, named.anySubcommand, command);
      const [first] = command.parsed.positionals;
      const bySubcommand = first && !first.dynamic ? named.bySubcommand.get(first.text) : undefined;
      if (bySubcommand) checkCommand(collector, bySubcommand, command);
    }
    checkCommand(collector, policy.index.shellAnyCommand, command);
    checkEffects(policy, collector, command.effects, at, command.view.index);
    addWrites(writes, command.effects);
  }
  return analysis.commands.map((command) => command.rendered);
}

/** Runs every rule that may concern the call; pure and synchronous. */
export function evaluate(
  call: NormalizedCall,
  policy: Policy,
  view: PolicyView,
  analyzeShell: ShellAnalyzer,
  explaining = false,
): Evaluation {
  const collector = new Collector(view, explaining);
  const { subject, at } = call;
  let commands: string[] | undefined;
  const writes: string[] = [];
  switch (subject.kind) {
    case 'shell': {
      const analysis = analyzeShell(subject.command, at);
      if (!analysis.ok) {
        collector.findings.push(
          metaFinding(
            META_RULES.unparseable,
            view.profile === 'strict' ? 'deny' : 'ask',
            'The guard cannot parse this command, so it cannot tell what it would do.',
            analysis.problem,
          ),
        );
        break;
      }
      commands = evaluateShell(policy, collector, analysis, at, writes);
      break;
    }
    case 'file':
      checkEffects(policy, collector, subject.effects, at, 0);
      addWrites(writes, subject.effects);
      break;
    case 'web':
      for (const rule of policy.index.web) {
        const wanted = collector.wants(rule);
        if (wanted === null || rule.matcher.kind !== 'web') continue;
        const evidence = rule.matcher.test(subject.subject);
        if (evidence) collector.add(rule, wanted, 0, evidence);
      }
      break;
    case 'mcp':
      for (const rule of policy.index.mcp) {
        const wanted = collector.wants(rule);
        if (wanted === null || rule.matcher.kind !== 'mcp') continue;
        const evidence = rule.matcher.test(subject.subject);
        if (evidence) collector.add(rule, wanted, 0, evidence);
      }
      break;
    case 'unknown':
      collector.findings.push(
        metaFinding(
          META_RULES.unknownTool,
          view.defaultDecision,
          'The guard does not know this tool, so the policy default applies.',
          `tool ${call.tool}`,
        ),
      );
      break;
    case 'invalid':
      collector.findings.push(
        metaFinding(
          META_RULES.invalidInput,
          view.profile === 'strict' ? 'deny' : 'ask',
          'The tool input does not have the shape this tool takes, so the guard cannot judge it.',
          subject.problem,
        ),
      );
      break;
    case 'inert':
      break;
  }
  for (const rule of policy.index.tool) {
    const wanted = collector.wants(rule);
    if (wanted === null || rule.matcher.kind !== 'tool') continue;
    const evidence = rule.matcher.test(call.tool);
    if (evidence) collector.add(rule, wanted, WHOLE_CALL, evidence);
  }
  const evaluation: Evaluation = { findings: collector.findings };
  if (commands) evaluation.commands = commands;
  if (writes.length > 0) evaluation.writes = writes;
  return evaluation;
}
