import { homedir } from 'node:os';
import { Ajv } from 'ajv';
import { createGuard } from '../../guard/index.js';
import type { GuardAgent } from '../../guard/types.js';
import {
  type PreToolUseInput,
  preToolUseInputSchema,
  relativeCwdProblem,
  toToolCall,
} from './hook-input.js';
import { type PreToolUseOutput, preToolUseOutput } from './hook-output.js';

/** Without the bridge nobody vouches for the caller: it is judged as a builder, the usual hook user. */
export const LOCAL_AGENT: GuardAgent = { agentId: 'local', name: 'local', role: 'builder' };

function inputProblem(text: string): { input: PreToolUseInput } | { problem: string } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { problem: `the hook input is not JSON (${(error as Error).message})` };
  }
  const validate = new Ajv({ allErrors: false }).compile<PreToolUseInput>(preToolUseInputSchema);
  if (!validate(input)) {
    const [error] = validate.errors ?? [];
    const where = `input${error?.instancePath ?? ''}`;
    const missing = (error?.params as { missingProperty?: string } | undefined)?.missingProperty;
    return {
      problem: missing
        ? `${where}/${missing} is required`
        : `${where} ${error?.message ?? 'is invalid'}`,
    };
  }
  const cwd = relativeCwdProblem(input);
  return cwd ? { problem: `input/${cwd}` } : { input };
}

/**
 * Judges a PreToolUse hook input here, with the same engine and the project's own policy, when
 * the bridge cannot: nothing is recorded, and input that cannot be judged is denied.
 */
export function decideLocally(
  text: string,
  env: NodeJS.ProcessEnv,
  bridgeProblem: string,
): PreToolUseOutput {
  const checked = inputProblem(text);
  if ('problem' in checked) {
    return preToolUseOutput(
      'deny',
      `Denied: ${checked.problem}, so the call cannot be judged (and ${bridgeProblem}).`,
    );
  }
  const { input } = checked;
  const projectRoot = env.LIGHTHOUSE_PROJECT_ROOT || env.CLAUDE_PROJECT_DIR || input.cwd;
  const guard = createGuard({
    projectRoot,
    home: homedir(),
    dataDir: env.LIGHTHOUSE_DATA_DIR || undefined,
  });
  try {
    const decision = guard.decide(toToolCall(input, LOCAL_AGENT));
    return preToolUseOutput(
      decision.verdict,
      `${decision.reason}\n(Judged locally and not recorded: ${bridgeProblem}.)`,
    );
  } finally {
    guard.close();
  }
}
