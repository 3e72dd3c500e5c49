import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedWith, jsonOf, succeeded, useCliTeam } from './coordination-team.js';

const start = useCliTeam();

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('lighthouse-bridge msg and inbox', () => {
  it('sends, lists, reads, acknowledges and replies in the thread', async () => {
    const { as } = await start();
    const alice = as('alice');
    const bob = as('bob');

    const sent = succeeded(
      await alice([
        'msg',
        'send',
        'bob',
        'build is red',
        'main fails since 10:02',
        '--importance',
        'high',
        '--ack-required',
      ]),
    );
    expect(sent).toMatch(new RegExp(`^sent ${UUID.source} to bob\\n$`));
    const messageId = UUID.exec(sent)?.[0] as string;

    const inbox = succeeded(await bob(['inbox'])).split('\n');
    expect(inbox[0]).toMatch(/^ID\s+FROM\s+TO\s+IMPORTANCE\s+STATE\s+SENT\s+SUBJECT$/);
    expect(inbox[1]).toMatch(
      new RegExp(
        `^${messageId}  alice  bob  high        unread, ack required  \\S+Z  build is red$`,
      ),
    );

    const read = succeeded(await bob(['msg', 'read', messageId]));
    expect(read).toContain('From:       alice\n');
    expect(read).toContain('Ack:        required, acknowledged by 0 of 1\n');
    expect(read.endsWith('\n\nmain fails since 10:02\n')).toBe(true);
    expect(jsonOf(await bob(['inbox', '--unread', '--json'])).messages).toEqual([]);

    expect(succeeded(await bob(['msg', 'ack', messageId]))).toBe(`acknowledged ${messageId}\n`);
    const acknowledged = jsonOf(await bob(['msg', 'read', messageId, '--json']));
    expect(acknowledged).toMatchObject({ read: true, acknowledged: true });
    expect(Object.keys(acknowledged.acknowledgedBy)).toHaveLength(1);
    expect(succeeded(await bob(['msg', 'read', messageId]))).toContain(
      'Ack:        required, acknowledged by 1 of 1, you included\n',
    );

    const reply = jsonOf(await bob(['msg', 'reply', messageId, 'on it', '--json']));
    expect(reply).toMatchObject({ to: 'alice', subject: 'Re: build is red', threadId: messageId });
    const thread = jsonOf(await alice(['inbox', '--thread', messageId, '--json']));
    expect(thread.messages.map((message: { body: string }) => message.body)).toEqual(['on it']);
  });

  it('takes the body from stdin and files as attachments, and saves them back', async () => {
    const { as, cwd } = await start();
    writeFileSync(join(cwd, 'report.txt'), 'line 1\nline 2\n');
    const sent = jsonOf(
      await as('alice')(
        ['msg', 'send', 'role:builder', 'logs', '--attach', 'report.txt', '--json'],
        'see the report\n',
      ),
    );
    expect(sent).toMatchObject({ body: 'see the report', recipients: [{ name: 'bob' }] });
    const [hash] = sent.attachments as string[];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    const found = jsonOf(await as('bob')(['inbox', '--search', 'report', '--json']));
    expect(found.messages.map((message: { messageId: string }) => message.messageId)).toEqual([
      sent.messageId,
    ]);
    expect(succeeded(await as('bob')(['msg', 'read', sent.messageId]))).toContain(
      `Attachments: ${hash}\n`,
    );
    expect(succeeded(await as('bob')(['msg', 'attachment', hash as string, 'copy.txt']))).toBe(
      'saved 14 bytes to copy.txt\n',
    );
    expect(readFileSync(join(cwd, 'copy.txt'), 'utf8')).toBe('line 1\nline 2\n');
    expect(succeeded(await as('bob')(['msg', 'attachment', hash as string, '-']))).toBe(
      'line 1\nline 2\n',
    );
  });

  it('says so when the inbox is empty, and pages with --before', async () => {
    const { as } = await start();
    expect(succeeded(await as('bob')(['inbox']))).toBe('no messages\n');
    for (const subject of ['one', 'two', 'three']) {
      succeeded(await as('alice')(['msg', 'send', 'bob', subject, '-'], ''));
    }
    const first = succeeded(await as('bob')(['inbox', '--limit', '2']));
    const before = /^more: --before (\S+)$/m.exec(first)?.[1] as string;
    expect(first).toMatch(/ {2}three\n.* {2}two\nmore: --before/s);
    const rest = succeeded(await as('bob')(['inbox', '--limit', '2', '--before', before]));
    expect(rest).toMatch(/ {2}one\n$/);
  });

  it.each([
    [
      'an unknown message',
      'bob',
      ['msg', 'read', '01a21b9d-d512-7000-ad93-000000000000'],
      404,
      'not_found',
      /no message has the id/,
    ],
    ['an observer sending', 'olly', ['msg', 'send', 'bob', 'hi', 'there'], 403, 'forbidden', /./],
    [
      'a thread that is no id',
      'alice',
      ['msg', 'send', 'bob', 'hi', 'there', '--thread', 'x'],
      400,
      'invalid_request',
      /threadId/,
    ],
    [
      'nobody by that name',
      'alice',
      ['msg', 'send', 'nobody', 'hi', 'there'],
      400,
      'no_recipients',
      /no agent is named nobody/,
    ],
  ])('refuses %s with the bridge code', async (_case, who, args, status, code, message) => {
    const { as } = await start();
    failedWith(await as(who)(args), status, code, message);
  });

  it('names the file it cannot attach, sending nothing', async () => {
    const { as } = await start();
    const result = await as('alice')([
      'msg',
      'send',
      'bob',
      'hi',
      'there',
      '--attach',
      'missing.txt',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read attachment missing\.txt: ENOENT/);
    expect(succeeded(await as('bob')(['inbox']))).toBe('no messages\n');
  });
});
