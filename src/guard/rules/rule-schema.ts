import type { SchemaObject } from 'ajv';
import { ROLES } from '../../agents/principal.js';
import { SECRET_KINDS } from '../secrets/detectors.js';
import { SQL_KINDS } from './sql-kinds.js';

/**
 * JSON schemas of rules, packs and policies, strict enough for Ajv's strict mode. Shared parts
 * are `$defs` referenced by `$ref`, so each is compiled once.
 */

const ref = (name: string): SchemaObject => ({ $ref: `#/$defs/${name}` });

const text = (description: string): SchemaObject => ({ type: 'string', minLength: 1, description });

const list = (description: string, items: SchemaObject = { type: 'string', minLength: 1 }) => ({
  type: 'array',
  minItems: 1,
  items,
  description,
});

/** A single value or a list of them, as rules are easier to write that way. */
const oneOrMany = (description: string, item: SchemaObject = { type: 'string', minLength: 1 }) => ({
  description,
  anyOf: [item, { type: 'array', minItems: 1, items: item }],
});

const closed = (properties: Record<string, SchemaObject>, extra: SchemaObject = {}) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  ...extra,
});

const RULE_DECISION_SCHEMA: SchemaObject = {
  type: 'string',
  enum: ['deny', 'ask', 'allow', 'escalate'],
};

const PATH_CONDITION = closed(
  {
    in: list('path globs (or $lists) the path must match one of'),
    not: list('path globs (or $lists) the path must match none of'),
    where: list('where the path lies relative to the project root and the home directory', {
      type: 'string',
      enum: ['inside', 'root', 'outside', 'containsProject', 'containsHome'],
    }),
  },
  { minProperties: 1 },
);

const ARG_CONDITION = closed(
  {
    at: { type: 'integer', minimum: 0, description: 'position among the arguments' },
    prefix: text('the argument must start with this; the rest is what is tested (dd of=…)'),
    word: list('globs on the argument itself'),
    ignoreCase: { type: 'boolean' },
    path: ref('pathCondition'),
    dynamic: {
      type: 'boolean',
      description: 'the argument holds a substitution or a variable the guard cannot resolve',
    },
  },
  { minProperties: 1 },
);

const ARG_CONDITIONS = closed(
  {
    any: list('some argument meets one of these', ref('argCondition')),
    all: list('each of these is met by some argument', ref('argCondition')),
    none: list('no argument meets any of these', ref('argCondition')),
  },
  { minProperties: 1 },
);

const FLAG_ALTERNATIVES = oneOrMany('a flag, or a list of spellings of the same flag');

const FLAG_CONDITIONS = closed(
  {
    all: list('every one of these flags is present', FLAG_ALTERNATIVES),
    any: list('at least one of these flags is present', FLAG_ALTERNATIVES),
    none: list('none of these flags is present', FLAG_ALTERNATIVES),
  },
  { minProperties: 1 },
);

const SHELL_MATCH = closed(
  {
    command: oneOrMany('command names (or $lists), as invoked, without their directory'),
    subcommand: list(
      'subcommands: a word, or a sequence of words where ** stands for any number of words',
      oneOrMany('a subcommand word or sequence'),
    ),
    flags: FLAG_CONDITIONS,
    args: ARG_CONDITIONS,
    push: closed(
      {
        force: { type: 'string', enum: ['force', 'lease', 'any'] },
        delete: { type: 'boolean' },
        branch: list('destination branch globs (or $lists)'),
        unknownBranch: {
          type: 'boolean',
          description: 'the destination cannot be told from the command (no refspec, HEAD)',
        },
        mirror: { type: 'boolean' },
      },
      { minProperties: 1, description: 'git push, judged by where it writes and how' },
    ),
    elevated: { type: 'boolean', description: 'run through sudo, doas or similar' },
    via: list('wrappers the command was run through (xargs, find, env, timeout…)'),
    redirect: closed(
      { path: ref('pathCondition') },
      { required: ['path'], description: 'an output redirection to a matching path' },
    ),
    pipedFrom: list('an earlier stage of the same pipeline runs one of these (or $lists)'),
    stdinProgram: {
      type: 'boolean',
      description: 'a shell or interpreter that reads its program from standard input',
    },
    runsDownload: {
      type: 'boolean',
      description: 'runs a file that an earlier command of the same line downloaded',
    },
    substitutionFrom: list(
      'an argument is the output of $(…), `…` or <(…) running one of these (or $lists)',
    ),
    script: closed(
      {
        language: list('languages of the code: sql, python, node, perl, ruby, shell, mongo…'),
        sql: list('SQL statement kinds', { type: 'string', enum: [...SQL_KINDS] }),
        pattern: text('a regular expression over the code; the last resort'),
        ignoreCase: { type: 'boolean' },
      },
      {
        minProperties: 1,
        description: 'code the command runs: -c/-e one-liners, SQL given to database clients',
      },
    ),
    secrets: {
      description: 'a secret written out in the command line: any, or a list of kinds',
      anyOf: [
        { type: 'string', enum: ['any'] },
        { type: 'array', minItems: 1, items: { type: 'string', enum: [...SECRET_KINDS] } },
      ],
    },
    regex: text('a regular expression over the rendered command; the very last resort'),
  },
  { minProperties: 1 },
);

const CONTENT_CONDITION = closed(
  {
    secrets: {
      anyOf: [
        { type: 'string', enum: ['any'] },
        { type: 'array', minItems: 1, items: { type: 'string', enum: [...SECRET_KINDS] } },
      ],
    },
    pattern: text('a regular expression over the written text; the last resort'),
  },
  { minProperties: 1 },
);

const FILE_MATCH = closed(
  {
    access: list('how the path is used', { type: 'string', enum: ['read', 'write', 'delete'] }),
    tools: list('tool name globs; shell commands count as the tool "Bash"'),
    source: { type: 'string', enum: ['tool', 'shell', 'any'] },
    path: ref('pathCondition'),
    content: CONTENT_CONDITION,
  },
  { required: ['access'] },
);

const WEB_MATCH = closed(
  {
    tools: list('WebFetch, WebSearch'),
    scheme: list('URL schemes'),
    host: list('host globs'),
    address: list('kinds of address the host is', {
      type: 'string',
      enum: ['loopback', 'private', 'link-local', 'metadata'],
    }),
    query: closed({ secrets: CONTENT_CONDITION.properties.secrets as SchemaObject }),
  },
  { minProperties: 1 },
);

const MCP_MATCH = closed(
  {
    server: list('server name globs, in any case'),
    tool: list('tool name globs, in any case'),
    input: CONTENT_CONDITION,
  },
  { minProperties: 1 },
);

const TOOL_MATCH = closed({ name: list('tool name globs') }, { required: ['name'] });

const MATCH = closed(
  { shell: SHELL_MATCH, file: FILE_MATCH, web: WEB_MATCH, mcp: MCP_MATCH, tool: TOOL_MATCH },
  { minProperties: 1, maxProperties: 1, description: 'what the rule matches; exactly one kind' },
);

const RULE_ID = {
  type: 'string',
  pattern: '^[a-z0-9]+(?:[.-][a-z0-9]+)*$',
  description: 'lower-case words joined by dots or dashes',
};

const RULE = closed(
  {
    id: RULE_ID,
    description: text('what the rule is about'),
    decision: RULE_DECISION_SCHEMA,
    reason: text('why the call is stopped, written for the agent'),
    suggestion: text('a safe alternative; commands go in backticks and must pass the rules'),
    locked: {
      type: 'boolean',
      description: 'a catastrophic deny: no policy may disable or weaken it',
    },
    profiles: closed({ strict: RULE_DECISION_SCHEMA, permissive: RULE_DECISION_SCHEMA }),
    allows: list('rule ids whose ask or escalate this allow rule lifts', RULE_ID),
    capability: {
      type: 'string',
      pattern: '^[a-z0-9][a-z0-9._-]*$',
      maxLength: 64,
      description: 'experts holding this capability review the call when the rule escalates',
    },
    risk: {
      type: 'string',
      enum: ['high', 'normal'],
      description:
        "overrides the pack's risk: a high-risk review needs two approvals, and strict denies",
    },
    fallback: {
      type: 'string',
      enum: ['allow', 'deny'],
      description: 'what an escalation comes to when no review decides it in time (deny)',
    },
    match: MATCH,
  },
  { required: ['id', 'description', 'decision', 'reason', 'match'] },
);

const LISTS = {
  type: 'object',
  description: 'named lists that rules reference as $name',
  propertyNames: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
  additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
};

const LAYER_PROPERTIES: Record<string, SchemaObject> = {
  profile: { type: 'string', enum: ['standard', 'strict', 'permissive'] },
  defaultDecision: RULE_DECISION_SCHEMA,
  disable: { type: 'array', items: RULE_ID, description: 'rule ids to switch off' },
  decisions: {
    type: 'object',
    description: 'rule id → decision; a locked rule cannot be weakened',
    propertyNames: RULE_ID,
    additionalProperties: RULE_DECISION_SCHEMA,
  },
  rules: { type: 'array', items: ref('rule') },
};

const DEFS = {
  pathCondition: PATH_CONDITION,
  argCondition: ARG_CONDITION,
  rule: RULE,
  layer: closed(LAYER_PROPERTIES),
};

export const PACK_SCHEMA: SchemaObject = {
  $defs: DEFS,
  ...closed(
    {
      pack: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
      description: text('what the pack protects'),
      risk: { type: 'string', enum: ['high', 'normal'] },
      lists: LISTS,
      rules: { type: 'array', items: ref('rule') },
    },
    { required: ['pack', 'description', 'risk', 'rules'] },
  ),
};

const POLICY_PROPERTIES: Record<string, SchemaObject> = {
  ...LAYER_PROPERTIES,
  lists: LISTS,
  protectedPaths: { type: 'array', items: { type: 'string', minLength: 1 } },
  sharedBranches: { type: 'array', items: { type: 'string', minLength: 1 } },
  protectedBranches: { type: 'array', items: { type: 'string', minLength: 1 } },
  roles: closed(Object.fromEntries(ROLES.map((role) => [role, ref('layer')]))),
  agents: {
    type: 'object',
    propertyNames: { type: 'string', minLength: 1 },
    additionalProperties: ref('layer'),
  },
};

/** The `guard` section of lighthouse.yaml and the whole of .lighthouse/policy.yaml. */
export const POLICY_SCHEMA: SchemaObject = { $defs: DEFS, ...closed(POLICY_PROPERTIES) };

/**
 * The `guard` section as the config checks it at start: its keys and their kinds. The guard
 * checks the rest itself, with the line and column of any problem, when it loads the policy.
 */
export const POLICY_SECTION_SCHEMA: SchemaObject = closed(
  Object.fromEntries(
    Object.entries(POLICY_PROPERTIES).map(([key, schema]) => [key, { type: schema.type }]),
  ),
);
