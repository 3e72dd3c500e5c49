import type { CompiledRule } from '../rules/compiled-rule.js';
import type { Access } from '../rules/rule-types.js';

/** The rules of one command name: by their first subcommand word, and the rest. */
export interface CommandRules {
  bySubcommand: ReadonlyMap<string, readonly CompiledRule[]>;
  anySubcommand: readonly CompiledRule[];
}

/** Rules by what they can match, so a call only meets the rules that may concern it. */
export interface RuleIndex {
  shellByCommand: ReadonlyMap<string, CommandRules>;
  /** Shell rules not tied to a command name (sudo anything, redirects to devices…). */
  shellAnyCommand: readonly CompiledRule[];
  fileByAccess: Readonly<Record<Access, readonly CompiledRule[]>>;
  web: readonly CompiledRule[];
  mcp: readonly CompiledRule[];
  tool: readonly CompiledRule[];
}

function push<K>(map: Map<K, CompiledRule[]>, key: K, rule: CompiledRule): void {
  const list = map.get(key);
  if (list) list.push(rule);
  else map.set(key, [rule]);
}

type MutableCommandRules = {
  bySubcommand: Map<string, CompiledRule[]>;
  anySubcommand: CompiledRule[];
};

export function indexRules(rules: Iterable<CompiledRule>): RuleIndex {
  const shellByCommand = new Map<string, MutableCommandRules>();
  const index = {
    shellAnyCommand: [] as CompiledRule[],
    fileByAccess: { read: [], write: [], delete: [] } as Record<Access, CompiledRule[]>,
    web: [] as CompiledRule[],
    mcp: [] as CompiledRule[],
    tool: [] as CompiledRule[],
  };
  for (const rule of rules) {
    const matcher = rule.matcher;
    switch (matcher.kind) {
      case 'shell':
        if (matcher.commands === null) index.shellAnyCommand.push(rule);
        else {
          for (const name of new Set(matcher.commands)) {
            let entry = shellByCommand.get(name);
            if (!entry) {
              entry = { bySubcommand: new Map(), anySubcommand: [] };
              shellByCommand.set(name, entry);
            }
            if (matcher.subcommands === null) entry.anySubcommand.push(rule);
            else
              for (const word of new Set(matcher.subcommands)) push(entry.bySubcommand, word, rule);
          }
        }
        break;
      case 'file':
        for (const access of matcher.access) index.fileByAccess[access].push(rule);
        break;
      default:
        index[matcher.kind].push(rule);
    }
  }
  return { ...index, shellByCommand };
}
