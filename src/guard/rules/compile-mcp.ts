import { compileNameGlobs } from '../paths/glob.js';
import { compileContent } from './compile-content.js';
import type { RuleMatcher } from './compiled-rule.js';
import type { McpMatchSpec } from './rule-types.js';

export function compileMcpMatch(spec: McpMatchSpec, key: (string | number)[]): RuleMatcher {
  const servers = spec.server ? compileNameGlobs(spec.server, true) : null;
  const tools = spec.tool ? compileNameGlobs(spec.tool, true) : null;
  const input = spec.input ? compileContent(spec.input, [...key, 'input']) : null;
  return {
    kind: 'mcp',
    test(subject) {
      if (servers && !servers.test(subject.server)) return null;
      if (tools && !tools.test(subject.tool)) return null;
      const found = input ? input(subject.strings) : null;
      if (input && found === null) return null;
      const detail = `MCP tool ${subject.tool} of server ${subject.server}`;
      return { detail: found ? `${detail}; the input holds ${found}` : detail };
    },
  };
}
