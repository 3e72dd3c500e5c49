import { isAbsolute } from 'node:path';
import * as z from 'zod';
import type { Principal } from '../../agents/principal.js';
import { invalidInput } from '../../coordination/errors.js';
import type { Explanation } from '../../guard/index.js';
import type { McpGuard, McpServices } from '../services.js';
import { type AnyToolSpec, defineTool } from './define-tool.js';

const callInput = z.strictObject({
  command: z
    .string()
    .min(1)
    .optional()
    .describe(
      'A shell command exactly as the Bash tool would run it. Give this, or tool and input.',
    ),
  tool: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The tool of a call that is not a shell command: Write, Edit, Read, WebFetch, mcp__<server>__<tool>, …',
    ),
  input: z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      'That tool\'s input exactly as the agent would send it, e.g. {"file_path": "/abs/path", "content": "…"} for Write.',
    ),
  cwd: z
    .string()
    .optional()
    .describe('Absolute directory the call would run in; the project root by default.'),
});

type CallInput = z.output<typeof callInput>;

const verdict = z
  .enum(['allow', 'ask', 'deny'])
  .describe('allow: it would run; ask: the user is asked first; deny: it would be blocked');

function explainCall(guard: McpGuard, args: CallInput, principal: Principal): Explanation {
  const cwd = args.cwd ?? guard.projectRoot;
  if (!isAbsolute(cwd)) throw invalidInput('cwd', 'cwd must be an absolute path');
  if (args.command !== undefined && args.input !== undefined) {
    throw invalidInput('command', 'give command, or tool and input, not both');
  }
  let call: { tool: string; input: unknown };
  if (args.command !== undefined) {
    if (args.tool !== undefined && args.tool !== 'Bash') {
      throw invalidInput('tool', 'command is for the Bash tool; give input for other tools');
    }
    call = { tool: 'Bash', input: { command: args.command } };
  } else {
    if (args.input === undefined) throw invalidInput('command', 'give command, or tool and input');
    if (args.tool === undefined) throw invalidInput('tool', 'tool is required with input');
    call = { tool: args.tool, input: args.input };
  }
  return guard.engine.explain({ ...call, cwd, agent: principal });
}

function guardOf(services: McpServices): McpGuard {
  return services.guard as McpGuard;
}

const hasGuard = (services: McpServices) => services.guard !== undefined;

const guardCheck = defineTool({
  name: 'guard_check',
  title: 'Check a tool call with the guard',
  description:
    'Ask the Lighthouse guard, before running it, whether a tool call would be allowed: a shell command, or any tool with its input. Answers allow, ask or deny with the reason and, when blocked, a safer alternative. Nothing runs and nothing is recorded. Use guard_explain to see every rule involved.',
  effect: 'read',
  permission: 'coordination:read',
  available: hasGuard,
  input: callInput,
  output: z.object({
    verdict,
    reason: z.string().describe('What matched, why, and what to do instead'),
    rules: z.array(z.string()).describe('The rules that decided, strongest first'),
    policyVersion: z.string(),
  }),
  run: ({ args, principal, services }) => {
    const explanation = explainCall(guardOf(services), args, principal);
    return {
      verdict: explanation.verdict,
      reason: explanation.decision.reason,
      rules: explanation.decision.matches.map((match) => match.ruleId),
      policyVersion: explanation.policyVersion,
    };
  },
});

const guardExplain = defineTool({
  name: 'guard_explain',
  title: 'Explain the guard’s decision on a tool call',
  description:
    'Show every guard rule that matches a tool call: on which words, path or URL it matched, the decision each rule gives, whether it counted, was lifted or disabled by the project policy, and the resulting verdict. Nothing runs and nothing is recorded.',
  effect: 'read',
  permission: 'coordination:read',
  available: hasGuard,
  input: callInput,
  output: z.object({
    verdict,
    profile: z.string().describe('The policy profile in force for the caller'),
    policyVersion: z.string(),
    commands: z.array(z.string()).describe('Shell calls: every simple command found'),
    matches: z.array(
      z.looseObject({
        ruleId: z.string(),
        pack: z.string(),
        description: z.string(),
        decision: z.enum(['deny', 'ask', 'allow', 'escalate']),
        status: z.enum(['counted', 'lifted', 'disabled']),
        locked: z.boolean(),
        matched: z.string().describe('What the rule matched on, in words'),
        reason: z.string(),
      }),
    ),
  }),
  run: ({ args, principal, services }) => {
    const { verdict, profile, policyVersion, commands, matches } = explainCall(
      guardOf(services),
      args,
      principal,
    );
    return { verdict, profile, policyVersion, commands, matches };
  },
});

export const GUARD_TOOLS: readonly AnyToolSpec[] = [guardCheck, guardExplain];
