import { describe, expect, it } from 'vitest';
import { createGuard } from '../../src/guard/index.js';
import { loadPacks } from '../../src/guard/packs/load-packs.js';
import { HOME, PROJECT } from './cases/case.js';
import { bash } from './support.js';

/** Every command a built-in rule suggests (the backticked parts of its suggestion). */
const suggested = loadPacks().flatMap((pack) =>
  pack.spec.rules.flatMap((rule) =>
    [...(rule.suggestion ?? '').matchAll(/`([^`]+)`/g)].map((match) => ({
      rule: rule.id,
      command: match[1] as string,
    })),
  ),
);

describe('suggested alternatives', () => {
  const guard = createGuard({ projectRoot: PROJECT, home: HOME });

  it('there are many', () => {
    expect(suggested.length).toBeGreaterThan(60);
  });

  it.each(suggested.map((entry) => [entry.rule, entry.command, entry] as const))(
    '%s suggests `%s`, which passes the rules',
    (_rule, _command, entry) => {
      const decision = guard.decide(bash(entry.command));
      expect(decision.verdict, decision.reason).not.toBe('deny');
      expect(decision.matches.map((match) => match.ruleId)).not.toContain(entry.rule);
    },
  );
});
