import path from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/bridge-config.js';
import type { LoadedPack } from '../packs/load-packs.js';
import type { PolicySpec } from '../rules/rule-types.js';
import { buildPolicy, type Policy } from './build-policy.js';
import { type PolicySource, policyFromValue, readPolicyFile } from './policy-source.js';

export const POLICY_FILE = path.join('.lighthouse', 'policy.yaml');

export interface PolicyLocations {
  projectRoot: string;
  dataDir: string;
}

/** The files a project policy may live in, in the order they apply. */
export function policyFiles({ projectRoot }: PolicyLocations): string[] {
  return [path.join(projectRoot, CONFIG_FILE_NAME), path.join(projectRoot, POLICY_FILE)];
}

/** Reads lighthouse.yaml's `guard` section (unless given) and .lighthouse/policy.yaml, and compiles. */
export function loadPolicy(
  packs: readonly LoadedPack[],
  where: PolicyLocations,
  configSection?: PolicySpec,
): { policy: Policy; files: string[] } {
  const [configFile, policyFile] = policyFiles(where) as [string, string];
  const fromConfig =
    configSection === undefined
      ? readPolicyFile(configFile, ['guard'])
      : policyFromValue(configSection, configFile, ['guard']);
  const sources = [fromConfig, readPolicyFile(policyFile, [])].filter(
    (source): source is PolicySource => source !== null,
  );
  const policy = buildPolicy({
    packs,
    sources,
    runtimeLists: {
      guardData: [path.join(where.dataDir, '**')],
      guardSecrets: [path.join(where.dataDir, 'admin.token'), path.join(where.dataDir, 'secret')],
      policyFiles: [configFile, policyFile],
    },
  });
  return { policy, files: sources.map((source) => source.file) };
}
