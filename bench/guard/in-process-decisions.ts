import { fileURLToPath } from 'node:url';
import { BridgeError } from '../../src/events/errors.js';
import { createGuard, type Guard, type ToolCall } from '../../src/guard/index.js';
import { nowUs } from '../lib/clock.js';
import type { BenchReport } from '../lib/report.js';
import { LatencyRecorder, type LatencySummary } from '../lib/stats.js';
import { type CommandClass, commandClasses } from './command-classes.js';
import type { GuardBenchPlan } from './plan.js';

const RULES_P99_MAX_US = 50;
const CACHE_HIT_P99_MAX_US = 5;
/** Dangerous commands are not the typical call the rules target speaks of; measured, not judged. */
const UNTARGETED_COLD = new Set(['dangerous']);

/**
 * The rule packs in the source tree, from dist-bench/bench/guard/: the guard compiled into
 * dist-bench would look for them beside itself, where the build puts no YAML.
 */
export const PACKS_DIR = fileURLToPath(new URL('../../../src/guard/packs/', import.meta.url));

const AGENT = { agentId: 'bench-agent', name: 'bench', role: 'builder' } as const;

/** Times `guard.decide` on the class's calls in turn, after unmeasured warm-up rounds. */
function timeDecisions(
  guard: Guard,
  calls: ToolCall[],
  plan: GuardBenchPlan,
): { latency: LatencySummary; verdicts: string[]; cachedShare: number } {
  const recorder = new LatencyRecorder();
  let cached = 0;
  for (let i = 0; i < plan.decideWarmup + plan.decideSamples; i++) {
    const call = calls[i % calls.length] as ToolCall;
    const started = nowUs();
    const decision = guard.decide(call);
    const elapsed = nowUs() - started;
    if (i < plan.decideWarmup) continue;
    recorder.recordUs(elapsed);
    if (decision.cached) cached++;
  }
  const verdicts = calls.map((call) => guard.decide(call).verdict);
  return { latency: recorder.summary(), verdicts, cachedShare: cached / plan.decideSamples };
}

function toolCalls(commandClass: CommandClass, projectRoot: string, home: string): ToolCall[] {
  return commandClass.calls.map(({ tool, input }) => ({
    tool,
    input,
    cwd: projectRoot,
    projectRoot,
    home,
    agent: AGENT,
  }));
}

/**
 * `guard.decide` in this process, per command class: the rules on every call (a guard whose
 * cache holds nothing) and cache hits (the same calls again on a guard that keeps them).
 */
export function runInProcessDecisions(
  report: BenchReport,
  plan: GuardBenchPlan,
  projectRoot: string,
  home: string,
): Record<string, unknown> {
  const rulesGuard = createGuard({
    projectRoot,
    home,
    watch: false,
    cacheSize: 0,
    packsDir: PACKS_DIR,
  });
  const cachingGuard = createGuard({ projectRoot, home, watch: false, packsDir: PACKS_DIR });
  const details: Record<string, unknown> = {};
  try {
    report.section(`in-process guard.decide (${plan.decideSamples} samples per row)`);
    for (const commandClass of commandClasses(projectRoot)) {
      const calls = toolCalls(commandClass, projectRoot, home);
      const describeCalls = commandClass.calls
        .map(({ tool, input }) => (tool === 'Bash' ? String(input.command) : tool))
        .join(' · ');
      const rules = timeDecisions(rulesGuard, calls, plan);
      if (commandClass.name === 'dangerous' && rules.verdicts.some((v) => v !== 'deny')) {
        throw new BridgeError(
          'rules_not_loaded',
          `dangerous calls were not denied (${rules.verdicts.join(', ')}): are the rule packs in ${PACKS_DIR}?`,
        );
      }
      const hits = timeDecisions(cachingGuard, calls, plan);
      report.add({
        name: `${commandClass.name}: rules (no cache)`,
        latency: rules.latency,
        ...(UNTARGETED_COLD.has(commandClass.name)
          ? {}
          : { target: { p99MaxUs: RULES_P99_MAX_US } }),
        notes: [`calls in turn: ${describeCalls}; verdicts ${rules.verdicts.join(', ')}`],
      });
      report.add({
        name: `${commandClass.name}: cache hit`,
        latency: hits.latency,
        target: { p99MaxUs: CACHE_HIT_P99_MAX_US },
        notes: [
          `${(hits.cachedShare * 100).toFixed(1)}% of measured calls answered from the cache`,
        ],
      });
      details[commandClass.name] = { verdicts: rules.verdicts, cachedShare: hits.cachedShare };
    }
  } finally {
    rulesGuard.close();
    cachingGuard.close();
  }
  return details;
}
