import { HOOK_ENDPOINTS, type HookEndpoint } from '../../integrations/claude-code/guard-hooks.js';
import { postHook } from '../../integrations/claude-code/hook-client.js';
import {
  isPreToolUseOutput,
  preToolUseOutput,
} from '../../integrations/claude-code/hook-output.js';

/*
 * `lighthouse-bridge hook <event>` starts once per tool call, so this module imports only
 * node: built-ins and a few small files of its own; the guard engine is loaded only when the
 * bridge cannot answer.
 */

export const DEFAULT_BRIDGE_URL = 'http://127.0.0.1:8765';
export const DEFAULT_HOOK_TIMEOUT_MS = 2000;
const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** What is lost when the bridge cannot take a hook that gates nothing. */
const UNDELIVERED = {
  'post-tool-use': 'outcome not recorded',
  'user-prompt-submit': 'no news from the bridge',
} as const;

function isHookEndpoint(value: string | undefined): value is HookEndpoint {
  return value !== undefined && Object.hasOwn(HOOK_ENDPOINTS, value);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES) throw new Error(`the hook input is over ${MAX_INPUT_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function timeoutOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.LIGHTHOUSE_HOOK_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_HOOK_TIMEOUT_MS;
}

/** The bridge's answer when it gave a usable one, else why it did not. */
async function askBridge(
  endpoint: HookEndpoint,
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ answer: string } | { problem: string }> {
  const base = (env.LIGHTHOUSE_URL || DEFAULT_BRIDGE_URL).replace(/\/+$/, '');
  let status: number;
  let body: string;
  try {
    ({ status, body } = await postHook(
      `${base}${HOOK_ENDPOINTS[endpoint]}`,
      env.LIGHTHOUSE_TOKEN,
      input,
      timeoutOf(env),
    ));
  } catch (error) {
    return { problem: `the bridge at ${base} could not be reached: ${(error as Error).message}` };
  }
  if (status < 200 || status > 299) {
    return { problem: `the bridge at ${base} answered ${status}: ${body.slice(0, 300)}` };
  }
  if (endpoint !== 'pre-tool-use') return { answer: body || '{}' };
  if (isPreToolUseOutput(parsedOrNull(body))) return { answer: body };
  return { problem: `the bridge at ${base} answered something that is not a PreToolUse answer` };
}

function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The hook's answer for stdout; never throws, and for PreToolUse never allows unjudged. */
export async function runHook(
  endpoint: HookEndpoint,
  readInput: () => Promise<string>,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  let problem: string;
  let input = '';
  try {
    input = await readInput();
    const asked = await askBridge(endpoint, input, env);
    if ('answer' in asked) return asked.answer;
    problem = asked.problem;
  } catch (error) {
    problem = (error as Error).message;
  }
  if (endpoint !== 'pre-tool-use') {
    process.stderr.write(`lighthouse-bridge hook: ${UNDELIVERED[endpoint]}: ${problem}\n`);
    return '{}';
  }
  try {
    const { decideLocally } = await import('../../integrations/claude-code/local-decision.js');
    return JSON.stringify(decideLocally(input, env, problem));
  } catch (error) {
    return JSON.stringify(
      preToolUseOutput(
        'deny',
        `Denied: ${problem}, and the local guard failed too (${(error as Error).message}). Nothing unjudged may run; retry once the bridge is back.`,
      ),
    );
  }
}

export const HOOK_USAGE =
  'hook pre-tool-use|post-tool-use|user-prompt-submit   read the hook JSON on stdin, print the answer (the bridge decides, else the local guard)';

/**
 * For `hook <event>`, answers and ends the process (exit 0, as Claude Code expects of a hook that
 * gave its answer on stdout); for any other command line, returns at once. A malformed hook
 * command line exits 2, which Claude Code takes as "block": a misconfigured guard fails closed.
 */
export async function handOffHook(argv: readonly string[]): Promise<void> {
  const [, , command, endpoint, ...rest] = argv;
  if (command !== 'hook') return;
  if (!isHookEndpoint(endpoint) || rest.length > 0) {
    process.stderr.write(`lighthouse-bridge: usage: lighthouse-bridge ${HOOK_USAGE}\n`);
    process.exit(2);
  }
  const output = await runHook(endpoint, readStdin, process.env);
  await new Promise<void>((resolve) => process.stdout.write(`${output}\n`, () => resolve()));
  process.exit(0);
}
