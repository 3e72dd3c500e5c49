import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_DATA_DIR_NAME } from '../config/bridge-config.js';
import { ConfigError } from '../config/config-error.js';
import { InvalidInputError } from '../events/errors.js';
import { analyzeShellCommand } from './commands/analyze-shell.js';
import { combine, toRuleMatch } from './engine/combine.js';
import { LruCache } from './engine/decision-cache.js';
import { escalationOf, NO_REVIEWER_NOTE } from './engine/escalation.js';
import { type Evaluation, evaluate, type ShellAnalyzer } from './engine/evaluate.js';
import { malformedCall, type NormalizedCall, normalizeCall } from './engine/normalize-call.js';
import { reasonFor } from './engine/reason.js';
import { type Explanation, explainEvaluation } from './explain.js';
import {
  DEFAULT_LEASE_CONFLICT,
  type LeaseConflictDecision,
  type LeaseLookup,
  withLeases,
} from './leases/lease-check.js';
import { type LoadedPack, loadPacks } from './packs/load-packs.js';
import type { Policy } from './policy/build-policy.js';
import { verdictOf } from './policy/decision-rank.js';
import { META_PACK, META_RULES } from './policy/meta-rules.js';
import { loadPolicy, policyFiles } from './policy/policy-loader.js';
import type { PolicyView } from './policy/policy-view.js';
import { type FileWatch, watchFiles } from './policy/watch-files.js';
import type { PolicySpec } from './rules/rule-types.js';
import type { Decision, NormalizedInput, ToolCall } from './types.js';

export interface GuardOptions {
  projectRoot: string;
  home: string;
  /** The bridge's data directory; agents may not touch it. Defaults to <projectRoot>/.lighthouse. */
  dataDir?: string;
  /** Reload the policy when its files change. */
  watch?: boolean;
  /** lighthouse.yaml's `guard` section as the config read it; read from the file when absent. */
  configSection?: PolicySpec;
  /** Who holds which paths: writes into another agent's exclusive lease are asked or denied. */
  leases?: LeaseLookup;
  /** What such a write gets (default ask). */
  leaseConflict?: LeaseConflictDecision;
  /** Entries of the decision cache. */
  cacheSize?: number;
  /** Quiet time after a change to a policy file before it is read. */
  reloadDebounceMs?: number;
  /** Where the rule packs are read from; the built-in ones by default. */
  packsDir?: string;
  analyzeShell?: ShellAnalyzer;
}

export interface ReloadProblem {
  message: string;
  file: string | null;
  key: string | null;
}

export interface ReloadStatus {
  version: string;
  /** Project policy files in force (lighthouse.yaml, .lighthouse/policy.yaml) that exist. */
  files: string[];
  loadedAt: string;
  /** The last reload's refusal; the previous policy stayed in force. Null after a success. */
  error: ReloadProblem | null;
}

export type ReloadEvent =
  | { ok: true; version: string; previousVersion: string; files: string[] }
  | { ok: false; version: string; error: ReloadProblem };

export interface Guard {
  /** Judges a call: synchronous, no I/O, never throws. */
  decide(call: ToolCall): Decision;
  /** Every rule that matched the call, on what and why, with the verdict; never cached. */
  explain(call: ToolCall): Explanation;
  readonly policyVersion: string;
  readonly reloadStatus: ReloadStatus;
  /** Reads the policy files again now; what the watcher does after a change. */
  reload(): ReloadEvent;
  /**
   * Called after each reload that changed the policy, was refused, or ended a refusal. Returns
   * an unsubscribe.
   */
  onReload(listener: (event: ReloadEvent) => void): () => void;
  close(): void;
}

export const DEFAULT_CACHE_SIZE = 10_000;
export const DEFAULT_RELOAD_DEBOUNCE_MS = 100;

/** A decision of the rules alone, as the cache keeps it, with the paths the call writes. */
interface Judged {
  decision: Decision;
  writes: readonly string[];
}

const NO_WRITES: readonly string[] = [];

function problemOf(error: unknown): ReloadProblem {
  if (error instanceof ConfigError)
    return { message: error.message, file: error.source, key: error.key };
  return { message: error instanceof Error ? error.message : String(error), file: null, key: null };
}

class PolicyGuard implements Guard {
  private policy: Policy;
  private files: string[];
  private loadedAt = new Date().toISOString();
  private lastError: ReloadProblem | null = null;
  private readonly cache: LruCache<Judged>;
  private readonly listeners = new Set<(event: ReloadEvent) => void>();
  private readonly watcher: FileWatch | null;
  private readonly packs: LoadedPack[];
  private readonly dataDir: string;
  private readonly analyzeShell: ShellAnalyzer;
  private readonly leaseConflict: LeaseConflictDecision;

  constructor(private readonly options: GuardOptions) {
    this.dataDir = path.resolve(
      options.dataDir ?? path.join(options.projectRoot, DEFAULT_DATA_DIR_NAME),
    );
    this.packs = loadPacks(options.packsDir);
    this.analyzeShell = options.analyzeShell ?? analyzeShellCommand;
    this.leaseConflict = options.leaseConflict ?? DEFAULT_LEASE_CONFLICT;
    this.cache = new LruCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    const loaded = loadPolicy(this.packs, this.where, options.configSection);
    this.policy = loaded.policy;
    this.files = loaded.files;
    this.watcher = options.watch
      ? watchFiles(
          policyFiles(this.where),
          () => this.reload(),
          options.reloadDebounceMs ?? DEFAULT_RELOAD_DEBOUNCE_MS,
        )
      : null;
  }

  private get where() {
    return { projectRoot: path.resolve(this.options.projectRoot), dataDir: this.dataDir };
  }

  get policyVersion(): string {
    return this.policy.version;
  }

  get reloadStatus(): ReloadStatus {
    return {
      version: this.policy.version,
      files: [...this.files],
      loadedAt: this.loadedAt,
      error: this.lastError,
    };
  }

  reload(): ReloadEvent {
    const previousVersion = this.policy.version;
    const recovering = this.lastError !== null;
    let event: ReloadEvent;
    try {
      const loaded = loadPolicy(this.packs, this.where);
      this.lastError = null;
      this.files = loaded.files;
      if (loaded.policy.version === previousVersion) {
        event = { ok: true, version: previousVersion, previousVersion, files: loaded.files };
        // a policy put back as it was still ends the refusal, which listeners want to hear
        if (recovering) for (const listener of this.listeners) listener(event);
        return event;
      }
      this.policy = loaded.policy;
      this.loadedAt = new Date().toISOString();
      this.cache.clear();
      event = { ok: true, version: loaded.policy.version, previousVersion, files: loaded.files };
    } catch (error) {
      this.lastError = problemOf(error);
      event = { ok: false, version: previousVersion, error: this.lastError };
    }
    for (const listener of this.listeners) listener(event);
    return event;
  }

  onReload(listener: (event: ReloadEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.watcher?.close();
    this.listeners.clear();
    this.cache.clear();
  }

  decide(call: ToolCall): Decision {
    const started = performance.now();
    const policy = this.policy;
    let normalized: NormalizedInput = {
      tool: String(call?.tool),
      cwd: String(call?.cwd),
      input: '',
    };
    try {
      const problem = malformedCall(call);
      if (problem !== null)
        return this.failClosed(policy, normalized, started, 'The call is malformed.', problem);
      const normalizedCall = normalizeCall(call, this.options);
      normalized = normalizedCall.normalized;
      const view = policy.view(call.agent.role, call.agent.name);
      const key = `${policy.version}\0${call.agent.role}\0${view.agentLayer ? call.agent.name : ''}\0${normalizedCall.key}`;
      const hit = this.cache.get(key);
      const judged = hit ?? this.judge(normalizedCall, policy, view);
      if (!hit) this.cache.set(key, judged);
      return stamped(this.answer(call, judged, policy), hit !== undefined, started);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return this.failClosed(
        policy,
        normalized,
        started,
        'The guard failed while judging this call, so it is blocked to be safe.',
        detail,
      );
    }
  }

  explain(call: ToolCall): Explanation {
    const problem = malformedCall(call);
    if (problem !== null)
      throw new InvalidInputError(`cannot explain a malformed call: ${problem}`);
    const started = performance.now();
    const policy = this.policy;
    const normalizedCall = normalizeCall(call, this.options);
    const view = policy.view(call.agent.role, call.agent.name);
    const decision = {
      ...this.answer(call, this.judge(normalizedCall, policy, view), policy),
      durationMicros: microsSince(started),
    };
    const evaluation = evaluate(normalizedCall, policy, view, this.analyzeShell, true);
    return explainEvaluation(evaluation, decision, view, policy);
  }

  /** The rules alone: deterministic for the policy and the call, so it is what the cache keeps. */
  private judge(normalizedCall: NormalizedCall, policy: Policy, view: PolicyView): Judged {
    const evaluation: Evaluation = evaluate(normalizedCall, policy, view, this.analyzeShell);
    const combined = combine(evaluation.findings);
    const normalized: NormalizedInput = { ...normalizedCall.normalized };
    if (evaluation.commands) normalized.commands = evaluation.commands;
    const decision: Decision = {
      verdict: verdictOf(combined.decision),
      decision: combined.decision,
      matches: combined.counted.map(toRuleMatch),
      reason: reasonFor(combined),
      normalized,
      policyVersion: policy.version,
      cached: false,
      durationMicros: 0,
    };
    return { decision, writes: evaluation.writes ?? NO_WRITES };
  }

  /**
   * The rules' decision, cached or not, with what is laid over it at every call: the leases in
   * force (outside state, so never cached), then, for an escalation, what its review needs and
   * the engine's own answer to it, asking the user.
   */
  private answer(call: ToolCall, { decision, writes }: Judged, policy: Policy): Decision {
    const leased =
      this.options.leases && writes.length > 0
        ? withLeases(decision, writes, call.agent.agentId, this.options.leases, this.leaseConflict)
        : decision;
    if (leased.decision !== 'escalate') return leased;
    return {
      ...leased,
      reason: `${leased.reason}\n${NO_REVIEWER_NOTE}`,
      escalation: escalationOf(leased.matches, policy.rules, leased.reason),
    };
  }

  private failClosed(
    policy: Policy,
    normalized: NormalizedInput,
    started: number,
    reason: string,
    detail: string,
  ): Decision {
    return {
      verdict: 'deny',
      decision: 'deny',
      matches: [
        {
          ruleId: META_RULES.internalError,
          pack: META_PACK,
          decision: 'deny',
          reason,
          locked: true,
          evidence: { detail },
        },
      ],
      reason: `Blocked by the Lighthouse guard. ${reason} (${detail}) [rule ${META_RULES.internalError}]`,
      normalized,
      policyVersion: policy.version,
      cached: false,
      durationMicros: microsSince(started),
    };
  }
}

/** The decision as this call's: written out field by field, as it runs for every call. */
function stamped(decision: Decision, cached: boolean, started: number): Decision {
  const result: Decision = {
    verdict: decision.verdict,
    decision: decision.decision,
    matches: decision.matches,
    reason: decision.reason,
    normalized: decision.normalized,
    policyVersion: decision.policyVersion,
    cached,
    durationMicros: microsSince(started),
  };
  if (decision.escalation) result.escalation = decision.escalation;
  return result;
}

function microsSince(started: number): number {
  return Math.round((performance.now() - started) * 1000);
}

/** Loads the packs and the project's policy; an invalid policy throws a ConfigError naming it. */
export function createGuard(options: GuardOptions): Guard {
  return new PolicyGuard(options);
}
