/**
 * Decisions the guard takes without a rule matching: they appear among the matches under these
 * ids, and allow rules may name the first one (a project allowing a tool of its own).
 */
export const META_RULES = {
  unknownTool: 'guard.unknown-tool',
  invalidInput: 'guard.invalid-input',
  unparseable: 'guard.unparseable',
  internalError: 'guard.internal-error',
  leaseConflict: 'guard.lease-conflict',
} as const;

export const META_PACK = 'guard';

export const META_RULE_IDS: ReadonlySet<string> = new Set(Object.values(META_RULES));
