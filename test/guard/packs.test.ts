import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../../src/guard/index.js';
import { BUILT_IN_PACKS_DIR, loadPacks } from '../../src/guard/packs/load-packs.js';
import { useTempDirs } from '../support/temp-dir.js';
import { HOME, PROJECT } from './cases/case.js';
import { bash } from './support.js';

const tempDir = useTempDirs();

const packs = loadPacks(BUILT_IN_PACKS_DIR, true);
const rules = packs.flatMap((pack) =>
  pack.spec.rules.map((rule) => ({ pack: pack.spec.pack, rule })),
);

describe('built-in packs', () => {
  it('match the pack schema (checked here, not on every start)', () => {
    expect(packs).toHaveLength(12);
  });

  it('cover every category of the guard', () => {
    expect(packs.map((pack) => pack.spec.pack).sort()).toEqual([
      'bridge',
      'databases',
      'filesystem',
      'git',
      'infrastructure',
      'mcp',
      'protected-files',
      'publishing',
      'remote-code',
      'secrets',
      'system',
      'web',
    ]);
  });

  it('give every deny and ask a reason and a safe alternative', () => {
    const missing = rules.filter(({ rule }) => rule.decision !== 'allow' && !rule.suggestion);
    expect(missing.map(({ rule }) => rule.id)).toEqual([]);
  });

  it('lock only catastrophic denies of the high-risk packs', () => {
    const locked = rules.filter(({ rule }) => rule.locked);
    expect(locked.map(({ rule }) => rule.id).sort()).toEqual([
      'bridge.data-dir-write',
      'bridge.secrets-read',
      'fs.block-device-write',
      'fs.delete-home-or-root',
      'fs.delete-project-root',
      'fs.disk-tools',
      'fs.system-paths',
    ]);
  });

  it('use ids that are unique', () => {
    const ids = rules.map(({ rule }) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('custom packs', () => {
  const PACK = [
    'pack: house',
    'description: House rules',
    'risk: normal',
    'rules:',
    '  - id: house.no-deploy',
    '    description: make deploy',
    '    decision: deny',
    '    reason: Deploys go through CI.',
    '    match:',
    '      shell:',
    '        command: make',
    '        subcommand: [deploy]',
    '',
  ].join('\n');

  it('are loaded from the given directory', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), PACK);
    const guard = createGuard({ projectRoot: PROJECT, home: HOME, packsDir: dir });
    expect(guard.decide(bash('make deploy')).verdict).toBe('deny');
    expect(guard.decide(bash('rm -rf ~')).verdict).toBe('allow');
  });

  it('are checked against the schema, with the file and line of a problem', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'house.yaml'), PACK.replace('decision: deny', 'decision: maybe'));
    expect(() => createGuard({ projectRoot: PROJECT, home: HOME, packsDir: dir })).toThrow(
      /rules\[0\]\.decision in \S+house\.yaml:7:15 must be one of "deny", "ask", "allow", "escalate", got "maybe"/,
    );
  });

  it('refuses a directory without packs rather than allow everything', () => {
    expect(() => createGuard({ projectRoot: PROJECT, home: HOME, packsDir: tempDir() })).toThrow(
      /no rule packs \(\*\.yaml\) found in/,
    );
  });

  it('may not define a list twice', () => {
    const dir = tempDir();
    for (const name of ['filesystem.yaml', 'protected-files.yaml']) {
      copyFileSync(path.join(BUILT_IN_PACKS_DIR, name), path.join(dir, name));
    }
    copyFileSync(path.join(BUILT_IN_PACKS_DIR, 'filesystem.yaml'), path.join(dir, 'again.yaml'));
    expect(() => createGuard({ projectRoot: PROJECT, home: HOME, packsDir: dir })).toThrow(
      /the list \$\w+ is defined twice/,
    );
  });
});
