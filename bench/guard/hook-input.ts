import type { SampleCall } from './command-classes.js';

/**
 * Claude Code's PreToolUse hook JSON for the agent's `seq`-th call: the agents walk the mix
 * from different offsets, and every call has its own tool_use_id.
 */
export function hookBody(
  mix: readonly SampleCall[],
  cwd: string,
): (agent: number, seq: number) => string {
  const parts = mix.map(
    ({ tool, input }) =>
      `"tool_name":${JSON.stringify(tool)},"tool_input":${JSON.stringify(input)}`,
  );
  const cwdField = JSON.stringify(cwd);
  return (agent, seq) =>
    `{"session_id":"bench-session-${agent}","transcript_path":"/tmp/bench-${agent}.jsonl",` +
    `"cwd":${cwdField},"permission_mode":"default","hook_event_name":"PreToolUse",` +
    `${parts[(agent + seq) % parts.length]},"tool_use_id":"toolu_${agent}_${seq}"}`;
}
