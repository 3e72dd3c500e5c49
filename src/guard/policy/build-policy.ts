import { createHash } from 'node:crypto';
import { ROLES, type Role } from '../../agents/principal.js';
import { ConfigError } from '../../config/config-error.js';
import { canonicalJson } from '../../events/canonical.js';
import type { JsonValue } from '../../events/envelope.js';
import type { LoadedPack } from '../packs/load-packs.js';
import { RuleCompileError } from '../rules/compile-error.js';
import { compileRule } from '../rules/compile-rule.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import type { PolicyLayerSpec, RuleSpec } from '../rules/rule-types.js';
import { rankOf } from './decision-rank.js';
import { META_RULE_IDS } from './meta-rules.js';
import { type PolicySource, policyError } from './policy-source.js';
import { buildView, type PolicyView, type Scope, type ScopedLayer } from './policy-view.js';
import { indexRules, type RuleIndex } from './rule-index.js';
import { type KeyPath, keyLabel } from './yaml-document.js';

export interface PolicyInput {
  packs: readonly LoadedPack[];
  /** Project policies, later ones over earlier ones. */
  sources: readonly PolicySource[];
  /** Lists that depend on where the bridge runs (its data directory, the policy files). */
  runtimeLists: Readonly<Record<string, readonly string[]>>;
}

/** The rules in force: built-in packs with the project's policy applied, compiled. */
export interface Policy {
  /** Changes whenever anything that can change a decision changes. */
  version: string;
  rules: ReadonlyMap<string, CompiledRule>;
  index: RuleIndex;
  /** The policy as it applies to an agent; computed once per role and agent layer. */
  view(role: Role, agent: string): PolicyView;
}

/** Where a layer's content sits, for messages. */
interface LocatedLayer extends ScopedLayer {
  source: PolicySource;
  path: KeyPath;
}

function layersOf(source: PolicySource): LocatedLayer[] {
  const { document } = source;
  const layers: LocatedLayer[] = [{ scope: { kind: 'base' }, spec: document, source, path: [] }];
  for (const role of ROLES) {
    const spec = document.roles?.[role];
    if (spec) layers.push({ scope: { kind: 'role', role }, spec, source, path: ['roles', role] });
  }
  for (const [name, spec] of Object.entries(document.agents ?? {})) {
    layers.push({ scope: { kind: 'agent', name }, spec, source, path: ['agents', name] });
  }
  return layers;
}

function buildLists(input: PolicyInput): Map<string, readonly string[]> {
  const lists = new Map<string, readonly string[]>();
  for (const pack of input.packs) {
    for (const [name, items] of Object.entries(pack.spec.lists ?? {})) {
      if (lists.has(name)) {
        throw new ConfigError(
          `lists.${name}`,
          pack.file,
          `${pack.yaml.locate(['lists', name])}: the list $${name} is defined twice`,
        );
      }
      lists.set(name, items);
    }
  }
  for (const [name, items] of Object.entries(input.runtimeLists)) lists.set(name, items);
  for (const source of input.sources) {
    const { document } = source;
    for (const [name, items] of Object.entries(document.lists ?? {})) {
      if (lists.has(name)) {
        throw policyError(
          source,
          ['lists', name],
          `redefines the list $${name}; give a list of your own a new name`,
        );
      }
      lists.set(name, items);
    }
    if (document.protectedPaths) {
      lists.set('protectedPaths', [
        ...(lists.get('protectedPaths') ?? []),
        ...document.protectedPaths,
      ]);
    }
    if (document.sharedBranches) lists.set('sharedBranches', document.sharedBranches);
    if (document.protectedBranches) lists.set('protectedBranches', document.protectedBranches);
  }
  return lists;
}

interface ScopedRule {
  rule: CompiledRule;
  scope: Scope;
  /** Where the rule is defined, for messages about duplicates. */
  where: string;
}

function compileAll(
  input: PolicyInput,
  lists: Map<string, readonly string[]>,
  layers: readonly LocatedLayer[],
) {
  const rules: ScopedRule[] = [];
  const byId = new Map<string, ScopedRule>();
  const add = (
    rule: CompiledRule,
    scope: Scope,
    where: string,
    refuse: (problem: string) => Error,
  ) => {
    const earlier = byId.get(rule.id);
    if (earlier || META_RULE_IDS.has(rule.id)) {
      throw refuse(
        `repeats the rule id "${rule.id}", already defined in ${earlier?.where ?? 'the guard itself'}`,
      );
    }
    const scoped = { rule, scope, where };
    byId.set(rule.id, scoped);
    rules.push(scoped);
  };
  for (const pack of input.packs) {
    pack.spec.rules.forEach((spec, index) => {
      const key = ['rules', index];
      const refuse = (path: KeyPath, problem: string) =>
        new ConfigError(
          keyLabel(path),
          pack.file,
          `${keyLabel(path)} in ${pack.yaml.locate(path)} ${problem}`,
        );
      const rule = compileOrRefuse(
        spec,
        { name: pack.spec.pack, risk: pack.spec.risk },
        lists,
        (path, problem) => refuse([...key, ...path], problem),
      );
      add(rule, { kind: 'base' }, `pack ${pack.spec.pack}`, (problem) =>
        refuse([...key, 'id'], problem),
      );
    });
  }
  for (const layer of layers) {
    (layer.spec.rules ?? []).forEach((spec, index) => {
      const key = [...layer.path, 'rules', index];
      const refuse = (path: KeyPath, problem: string) =>
        policyError(layer.source, [...key, ...path], problem);
      const rule = compileOrRefuse(spec, { name: 'project', risk: 'normal' }, lists, refuse);
      add(rule, layer.scope, layer.source.file, (problem) => refuse(['id'], problem));
    });
  }
  return { rules, byId };
}

function compileOrRefuse(
  spec: RuleSpec,
  pack: { name: string; risk: 'high' | 'normal' },
  lists: Map<string, readonly string[]>,
  refuse: (path: KeyPath, problem: string) => Error,
): CompiledRule {
  try {
    return compileRule(spec, pack, lists);
  } catch (error) {
    if (error instanceof RuleCompileError) throw refuse(error.key, error.message);
    throw error;
  }
}

function checkReferences(layers: readonly LocatedLayer[], byId: ReadonlyMap<string, ScopedRule>) {
  const known = (id: string) => byId.get(id)?.rule;
  for (const layer of layers) {
    const refuse = (path: KeyPath, problem: string) =>
      policyError(layer.source, [...layer.path, ...path], problem);
    const spec: PolicyLayerSpec = layer.spec;
    (spec.disable ?? []).forEach((id, index) => {
      const rule = known(id);
      if (!rule) throw refuse(['disable', index], `names no rule: "${id}" is not a rule id`);
      if (rule.locked) {
        throw refuse(
          ['disable', index],
          `cannot disable "${id}": it is locked, a catastrophic deny that no policy may switch off`,
        );
      }
    });
    for (const [id, decision] of Object.entries(spec.decisions ?? {})) {
      const rule = known(id);
      if (!rule) throw refuse(['decisions', id], `names no rule: "${id}" is not a rule id`);
      if (rule.locked && rankOf(decision) < rankOf(rule.decision)) {
        throw refuse(
          ['decisions', id],
          `cannot weaken "${id}" to ${decision}: it is locked, a catastrophic deny`,
        );
      }
    }
    (spec.rules ?? []).forEach((rule, index) => {
      (rule.allows ?? []).forEach((id, at) => {
        if (!known(id) && !META_RULE_IDS.has(id)) {
          throw refuse(['rules', index, 'allows', at], `names no rule: "${id}" is not a rule id`);
        }
      });
    });
  }
}

function versionOf(input: PolicyInput): string {
  const hash = createHash('sha256');
  for (const pack of input.packs) hash.update(pack.text).update('\0');
  for (const source of input.sources) {
    hash
      .update(source.file)
      .update('\0')
      .update(canonicalJson(source.document as unknown as JsonValue));
  }
  hash.update(canonicalJson(input.runtimeLists as unknown as JsonValue));
  return `pv-${hash.digest('hex').slice(0, 16)}`;
}

/** Compiles packs and policies; anything wrong is refused with a ConfigError naming it. */
export function buildPolicy(input: PolicyInput): Policy {
  const lists = buildLists(input);
  // base layers first, then roles, then agents: the more specific layer has the last word
  const specificity = { base: 0, role: 1, agent: 2 };
  const layers = input.sources
    .flatMap(layersOf)
    .sort((a, b) => specificity[a.scope.kind] - specificity[b.scope.kind]);
  const { rules, byId } = compileAll(input, lists, layers);
  checkReferences(layers, byId);
  const views = new Map<string, PolicyView>();
  const agentsWithLayers = new Set(
    layers.flatMap((layer) => (layer.scope.kind === 'agent' ? [layer.scope.name] : [])),
  );
  return {
    version: versionOf(input),
    rules: new Map(rules.map(({ rule }) => [rule.id, rule])),
    index: indexRules(rules.map(({ rule }) => rule)),
    view(role, agent) {
      const name = agentsWithLayers.has(agent) ? agent : '';
      const key = `${role}\0${name}`;
      let view = views.get(key);
      if (!view) {
        view = buildView(layers, rules, role, name);
        views.set(key, view);
      }
      return view;
    },
  };
}
