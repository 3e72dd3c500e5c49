import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, useServe } from '../support/cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const serve = useServe();

describe('lighthouse-bridge serve', () => {
  it('serves, prints the generated admin token once, manages agents, and stops on SIGTERM', async () => {
    const project = tempDir();
    const bridge = await serve(['--port', '0'], { cwd: project });
    const tokenFile = join(project, '.lighthouse', 'admin.token');
    const adminToken = readFileSync(tokenFile, 'utf8').trim();
    expect(bridge.stderr()).toContain(adminToken);

    expect(await (await fetch(`${bridge.url}/health`)).json()).toMatchObject({ status: 'ok' });

    const added = await runCli(
      [
        'agent',
        'add',
        'reviewer',
        '--role',
        'expert',
        '--capability',
        'security',
        '--url',
        bridge.url,
      ],
      { cwd: project },
    );
    expect(added.code).toBe(0);
    const token = added.stdout.trim();
    expect(token).toMatch(/^lhb_/);
    const me = await fetch(`${bridge.url}/v1/events?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);

    const listed = await runCli(['agent', 'list', '--url', bridge.url], { cwd: project });
    expect(listed.stdout).toMatch(/^reviewer\texpert\t/m);

    const revoked = await runCli(['agent', 'revoke', 'reviewer', '--url', bridge.url], {
      cwd: project,
    });
    expect(revoked.stdout).toContain('revoked 1 token(s) of reviewer');
    const refused = await fetch(`${bridge.url}/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(401);

    bridge.child.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);

    const again = await serve(['--port', '0'], { cwd: project });
    expect(again.stderr()).not.toContain(adminToken);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect((await runCli(['verify'], { cwd: project })).code).toBe(0);
  });

  it.each([
    [['--port', 'abc'], {}, /port in --port must be an integer/],
    [[], { LIGHTHOUSE_PORT: '99999' }, /port in LIGHTHOUSE_PORT/],
    [['--log-level', 'loud'], {}, /logLevel|log-level/],
  ])('exits 1 naming the key for invalid config %j %j', async (args, env, message) => {
    const result = await runCli(['serve', ...args], { cwd: tempDir(), env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('reads lighthouse.yaml from the project root, below environment and flags', async () => {
    const project = tempDir();
    writeFileSync(join(project, 'lighthouse.yaml'), 'dataDir: state\nport: 1\n');
    const bridge = await serve([], { cwd: project, env: { LIGHTHOUSE_PORT: '0' } });
    readFileSync(join(project, 'state', 'admin.token'));
    bridge.child.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
  });

  it('agent commands say clearly when no bridge answers', async () => {
    const result = await runCli(['agent', 'list', '--url', 'http://127.0.0.1:9', '--token', 'x'], {
      cwd: tempDir(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot reach the bridge at http:\/\/127\.0\.0\.1:9/);
  });
});

describe('lighthouse-bridge verify', () => {
  it('exits 0 on a whole store and 1 with the fault on a damaged one', async () => {
    const project = tempDir();
    const bridge = await serve(['--port', '0'], { cwd: project });
    const token = readFileSync(join(project, '.lighthouse', 'admin.token'), 'utf8').trim();
    for (let n = 0; n < 5; n++) {
      await fetch(`${bridge.url}/v1/streams/notes/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: [{ type: 'Noted', data: { text: `marker-${n}` } }] }),
      });
    }
    bridge.child.kill('SIGTERM');
    await bridge.exited;
    const whole = await runCli(['verify'], { cwd: project });
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(/events: 5 in 1 streams/);
    expect(whole.stdout).toContain('verified: no faults');

    const database = join(project, '.lighthouse', 'events.db');
    const bytes = readFileSync(database);
    const at = bytes.indexOf('marker-3');
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x20, at);
    writeFileSync(database, bytes);
    const damaged = await runCli(['verify', '--data-dir', join(project, '.lighthouse')], {
      cwd: tempDir(),
    });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(
      /FAULTS: 1\n {2}- event 4 \(Noted in notes\) does not match its chain hash/,
    );
  });
});
