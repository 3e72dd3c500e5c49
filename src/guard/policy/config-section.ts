import { registerConfigSection } from '../../config/config-sections.js';
import { POLICY_SECTION_SCHEMA } from '../rules/rule-schema.js';
import type { PolicySpec } from '../rules/rule-types.js';

/** The `guard:` section of lighthouse.yaml; the config checks its keys, the guard the rest. */
export const readGuardSection = registerConfigSection<PolicySpec>('guard', POLICY_SECTION_SCHEMA);
