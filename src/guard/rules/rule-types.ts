import type { RuleDecision } from '../types.js';
import type { SqlKind } from './sql-kinds.js';

/** Rules as written in YAML; see rule-schema.ts for what each field means. */

export type OneOrMany<T> = T | T[];

export type Where = 'inside' | 'root' | 'outside' | 'containsProject' | 'containsHome';

export interface PathConditionSpec {
  in?: string[];
  not?: string[];
  where?: Where[];
}

export interface ArgConditionSpec {
  at?: number;
  prefix?: string;
  word?: string[];
  ignoreCase?: boolean;
  path?: PathConditionSpec;
  dynamic?: boolean;
}

export interface SetConditions<T> {
  all?: T[];
  any?: T[];
  none?: T[];
}

export type SecretsSpec = 'any' | string[];

export interface ShellMatchSpec {
  command?: OneOrMany<string>;
  subcommand?: OneOrMany<string>[];
  flags?: SetConditions<OneOrMany<string>>;
  args?: SetConditions<ArgConditionSpec>;
  push?: {
    force?: 'force' | 'lease' | 'any';
    delete?: boolean;
    branch?: string[];
    unknownBranch?: boolean;
    mirror?: boolean;
  };
  elevated?: boolean;
  via?: string[];
  redirect?: { path: PathConditionSpec };
  pipedFrom?: string[];
  stdinProgram?: boolean;
  runsDownload?: boolean;
  substitutionFrom?: string[];
  script?: { language?: string[]; sql?: SqlKind[]; pattern?: string; ignoreCase?: boolean };
  secrets?: SecretsSpec;
  regex?: string;
}

export type Access = 'read' | 'write' | 'delete';

export interface ContentSpec {
  secrets?: SecretsSpec;
  pattern?: string;
}

export interface FileMatchSpec {
  access: Access[];
  tools?: string[];
  source?: 'tool' | 'shell' | 'any';
  path?: PathConditionSpec;
  content?: ContentSpec;
}

export type AddressKind = 'loopback' | 'private' | 'link-local' | 'metadata';

export interface WebMatchSpec {
  tools?: string[];
  scheme?: string[];
  host?: string[];
  address?: AddressKind[];
  query?: { secrets?: SecretsSpec };
}

export interface McpMatchSpec {
  server?: string[];
  tool?: string[];
  input?: ContentSpec;
}

export interface MatchSpec {
  shell?: ShellMatchSpec;
  file?: FileMatchSpec;
  web?: WebMatchSpec;
  mcp?: McpMatchSpec;
  tool?: { name: string[] };
}

export type Risk = 'high' | 'normal';

/** What an escalation comes to when no review decides it in time. */
export type Fallback = 'allow' | 'deny';

export interface RuleSpec {
  id: string;
  description: string;
  decision: RuleDecision;
  reason: string;
  suggestion?: string;
  locked?: boolean;
  capability?: string;
  risk?: Risk;
  fallback?: Fallback;
  profiles?: { strict?: RuleDecision; permissive?: RuleDecision };
  allows?: string[];
  match: MatchSpec;
}

export interface PackSpec {
  pack: string;
  description: string;
  risk: Risk;
  lists?: Record<string, string[]>;
  rules: RuleSpec[];
}

export type Profile = 'standard' | 'strict' | 'permissive';

export interface PolicyLayerSpec {
  profile?: Profile;
  defaultDecision?: RuleDecision;
  disable?: string[];
  decisions?: Record<string, RuleDecision>;
  rules?: RuleSpec[];
}

export interface PolicySpec extends PolicyLayerSpec {
  lists?: Record<string, string[]>;
  protectedPaths?: string[];
  sharedBranches?: string[];
  protectedBranches?: string[];
  roles?: Partial<Record<string, PolicyLayerSpec>>;
  agents?: Record<string, PolicyLayerSpec>;
}
