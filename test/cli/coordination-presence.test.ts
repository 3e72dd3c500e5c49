import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

/** The discard port, where nothing listens on a test machine. */
const DEAD_URL = 'http://127.0.0.1:9';

describe('lighthouse-bridge whoami, agents', () => {
  it('shows who the token stands for and everyone with their presence', async () => {
    const { bridge, team, as } = await start([
      { name: 'alice', role: 'builder' },
      { name: 'sec', role: 'expert', capabilities: ['security', 'privacy'] },
    ]);
    const heartbeat = await bridge.call('POST', '/v1/agents/me/heartbeat', {
      token: team.alice?.token,
    });
    expect(heartbeat.body).toMatchObject({ status: 'online' });

    const me = succeeded(await as('sec')(['whoami'])).split('\n');
    expect(me).toEqual([
      'Agent:        sec',
      `Id:           ${team.sec?.agentId}`,
      'Role:         expert',
      'Capabilities: security, privacy',
      'Presence:     offline',
      '',
    ]);
    expect(jsonOf(await as('alice')(['whoami', '--json']))).toMatchObject({
      name: 'alice',
      status: 'online',
    });

    const agents = succeeded(await as('sec')(['agents'])).split('\n');
    expect(agents[0]).toMatch(/^NAME\s+ROLE\s+PRESENCE\s+LAST SEEN\s+CAPABILITIES$/);
    expect(agents[1]).toMatch(/^alice {2}builder {2}online {4}\S+Z$/);
    expect(agents[2]).toMatch(/^sec {4}expert {3}offline {3}never\s+security, privacy$/);
    expect(
      jsonOf(await as('sec')(['agents', '--json'])).map((agent: { name: string }) => agent.name),
    ).toEqual(['alice', 'sec']);
  });

  it('refuses a token the bridge does not know with the bridge code', async () => {
    const { bridge } = await start([]);
    const result = await runCli(['whoami'], {
      env: { LIGHTHOUSE_URL: bridge.url, LIGHTHOUSE_TOKEN: 'lhb_nothing' },
    });
    failedWith(result, 401, 'unauthenticated', /the bearer token is not valid/);
  });

  it("leaves the project's lighthouse.yaml unread when the environment names bridge and token", async () => {
    const { cwd, as } = await start([{ name: 'alice', role: 'builder' }]);
    writeFileSync(join(cwd, 'lighthouse.yaml'), 'guardReviews:\n  waitSeconds: 1\n');
    expect(jsonOf(await as('alice')(['whoami', '--json']))).toMatchObject({ name: 'alice' });
  });

  it("reads the guard's sections of lighthouse.yaml when it falls back to the local configuration", async () => {
    const { bridge, cwd } = await start([{ name: 'alice', role: 'builder' }]);
    writeFileSync(
      join(cwd, 'lighthouse.yaml'),
      [
        'guard:',
        '  profile: standard',
        'guardAudit:',
        '  slaTargetMs: 50',
        'guardReviews:',
        '  waitSeconds: 1',
        'guardLeases:',
        '  conflict: deny',
        '',
      ].join('\n'),
    );
    // No token in the environment: the admin token file of the data directory is used.
    const result = await runCli(['agents', '--json', '--data-dir', bridge.dataDir], {
      cwd,
      env: { LIGHTHOUSE_URL: bridge.url },
    });
    expect(jsonOf(result).map((agent: { name: string }) => agent.name)).toEqual(['alice']);
  });

  it('says which bridge it cannot reach, exit 1', async () => {
    const result = await runCli(['inbox'], {
      env: { LIGHTHOUSE_URL: DEAD_URL, LIGHTHOUSE_TOKEN: 'lhb_x' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^lighthouse-bridge: cannot reach the bridge at http:\/\/127\.0\.0\.1:9: /,
    );
  });
});
