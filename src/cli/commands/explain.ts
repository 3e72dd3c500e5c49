import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Explanation } from '../../guard/index.js';
import { createGuard } from '../../guard/index.js';
import { LOCAL_AGENT } from '../../integrations/claude-code/local-decision.js';

export interface ExplainOptions {
  command: string;
  cwd: string;
  projectRoot: string;
  dataDir: string;
  json: boolean;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

/** The explanation as a person reads it: verdict first, then each rule, its words and its why. */
export function formatExplanation(explanation: Explanation): string {
  const { decision } = explanation;
  const lines = [
    `verdict: ${explanation.verdict} (rules: ${decision.decision}; profile ${explanation.profile}; policy ${explanation.policyVersion})`,
  ];
  if (explanation.commands.length > 0) {
    lines.push('commands:', ...explanation.commands.map((command) => `  ${command}`));
  }
  if (explanation.matches.length === 0) lines.push('no rule matched');
  for (const match of explanation.matches) {
    const lock = match.locked ? ', locked' : '';
    lines.push(`${match.decision} ${match.ruleId} (${match.pack}, ${match.status}${lock})`);
    if (match.matched) lines.push(`  matched: ${match.matched}`);
    lines.push(`  why: ${match.reason}`);
    if (match.suggestion) lines.push(`  instead: ${match.suggestion}`);
  }
  lines.push('reason given to the agent:', indent(decision.reason, '  '));
  return `${lines.join('\n')}\n`;
}

/** Explains a shell command with the local engine and the project's policy; no bridge needed. */
export function explainCommand(options: ExplainOptions): void {
  const guard = createGuard({
    projectRoot: options.projectRoot,
    home: homedir(),
    dataDir: options.dataDir,
  });
  try {
    const explanation = guard.explain({
      tool: 'Bash',
      input: { command: options.command },
      cwd: resolve(options.cwd),
      agent: LOCAL_AGENT,
    });
    process.stdout.write(
      options.json ? `${JSON.stringify(explanation, null, 2)}\n` : formatExplanation(explanation),
    );
  } finally {
    guard.close();
  }
}
