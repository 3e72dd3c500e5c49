import { describe, expect, it } from 'vitest';
import { blobHash } from '../../../src/events/blobs.js';
import { type TestBridge, useBridges } from '../harness.js';
import { expectRefusalRecordsNothing, registerTeam, type TeamMember } from './team.js';

const start = useBridges();
const UNKNOWN_ID = '0190f3a0-0000-7000-8000-000000000000';

const TEAM = [
  { name: 'alice', role: 'builder' },
  { name: 'bob', role: 'builder' },
  { name: 'erin', role: 'expert', capabilities: ['security'] },
  { name: 'ed', role: 'expert', capabilities: ['performance'] },
  { name: 'olga', role: 'observer' },
] as const;

type Name = (typeof TEAM)[number]['name'];

async function setUp() {
  const bridge = await start();
  const team = (await registerTeam(bridge, TEAM)) as Record<Name, TeamMember>;
  return { bridge, team };
}

function send(bridge: TestBridge, from: TeamMember, body: Record<string, unknown>) {
  return bridge.call('POST', '/v1/messages', { token: from.token, body });
}

async function subjects(bridge: TestBridge, who: TeamMember, query = ''): Promise<string[]> {
  const answer = await bridge.call('GET', `/v1/messages${query}`, { token: who.token });
  expect(answer.status).toBe(200);
  return answer.body.messages.map((message: { subject: string }) => message.subject);
}

describe('messages over REST', () => {
  it('sends a direct message that only its sender and recipient see', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob, erin } = team;
    const sent = await send(bridge, alice, { to: 'bob', subject: 'Hello', body: 'Tests pass.' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({
      messageId: expect.any(String),
      threadId: sent.body.messageId,
      from: { agentId: alice.agentId, name: 'alice' },
      to: 'bob',
      recipients: [{ agentId: bob.agentId, name: 'bob' }],
      subject: 'Hello',
      body: 'Tests pass.',
      importance: 'normal',
      ackRequired: false,
      attachments: [],
      sentAt: expect.any(String),
      readBy: {},
      acknowledgedBy: {},
      read: true,
      acknowledged: false,
    });

    const inbox = await bridge.call('GET', '/v1/messages', { token: bob.token });
    expect(inbox.body).toEqual({
      messages: [{ ...sent.body, read: false }],
      next: null,
    });
    expect(await subjects(bridge, alice, '?box=sent')).toEqual(['Hello']);
    expect(await subjects(bridge, alice)).toEqual([]);
    expect(await subjects(bridge, erin)).toEqual([]);
    const stranger = await bridge.call('GET', `/v1/messages/${sent.body.messageId}`, {
      token: erin.token,
    });
    expect(stranger.status).toBe(404);
  });

  it.each([
    ['an agent', 'bob', ['bob']],
    ['a role', 'role:expert', ['erin', 'ed']],
    ['a capability', 'capability:security', ['erin']],
    ['everyone', '*', ['bob', 'erin', 'ed', 'olga']],
  ])('delivers to %s (%s) and to no one else', async (_case, to, reached) => {
    const { bridge, team } = await setUp();
    const sent = await send(bridge, team.alice, { to, subject: 'News', body: '' });
    expect(sent.status).toBe(201);
    expect(sent.body.to).toBe(to);
    const names = sent.body.recipients.map((recipient: { name: string }) => recipient.name);
    expect(names.sort()).toEqual([...reached].sort());
    for (const member of Object.values(team)) {
      const expected = reached.includes(member.name) ? ['News'] : [];
      expect(await subjects(bridge, member)).toEqual(expected);
    }
  });

  it('continues a thread among its participants only', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob, erin } = team;
    const first = await send(bridge, alice, { to: 'bob', subject: 'Plan', body: 'Step one?' });
    const threadId = first.body.threadId;
    const reply = await send(bridge, bob, {
      to: 'alice',
      subject: 'Re: Plan',
      body: 'Yes.',
      threadId,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.threadId).toBe(threadId);
    await send(bridge, alice, { to: 'bob', subject: 'Other', body: 'unrelated' });

    expect(await subjects(bridge, alice, `?box=all&threadId=${threadId}`)).toEqual([
      'Re: Plan',
      'Plan',
    ]);
    const outsider = await send(bridge, erin, {
      to: 'alice',
      subject: 'Re: Plan',
      body: 'me too',
      threadId,
    });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('not_found');
  });

  it('keeps read state per recipient: reading marks it for the reader alone', async () => {
    const { bridge, team } = await setUp();
    const { alice, erin, ed } = team;
    const sent = await send(bridge, alice, { to: 'role:expert', subject: 'Review', body: 'PR 7' });
    const id = sent.body.messageId;

    const opened = await bridge.call('GET', `/v1/messages/${id}`, { token: erin.token });
    expect(opened.status).toBe(200);
    expect(opened.body.read).toBe(true);
    expect(await subjects(bridge, erin, '?unread=true')).toEqual([]);
    expect(await subjects(bridge, ed, '?unread=true')).toEqual(['Review']);

    const head = await bridge.head();
    const again = await bridge.call('GET', `/v1/messages/${id}`, { token: erin.token });
    expect(again.body.read).toBe(true);
    expect(await bridge.head()).toBe(head);

    const marked = await bridge.call('POST', `/v1/messages/${id}/read`, { token: ed.token });
    expect(marked.status).toBe(200);
    expect(marked.body.read).toBe(true);
    expect(await subjects(bridge, ed, '?unread=true')).toEqual([]);

    const asSender = await bridge.call('GET', `/v1/messages/${id}`, { token: alice.token });
    expect(Object.keys(asSender.body.readBy).sort()).toEqual([erin.agentId, ed.agentId].sort());
    expect(asSender.body.acknowledgedBy).toEqual({});
  });

  it('records a required acknowledgement once, visible to the sender', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob } = team;
    const sent = await send(bridge, alice, {
      to: 'bob',
      subject: 'Freeze',
      body: 'No merges today.',
      importance: 'urgent',
      ackRequired: true,
    });
    expect(sent.body).toMatchObject({ importance: 'urgent', ackRequired: true });
    const id = sent.body.messageId;

    const acked = await bridge.call('POST', `/v1/messages/${id}/ack`, { token: bob.token });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ read: true, acknowledged: true });
    expect(Object.keys(acked.body.acknowledgedBy)).toEqual([bob.agentId]);

    const head = await bridge.head();
    const twice = await bridge.call('POST', `/v1/messages/${id}/ack`, { token: bob.token });
    expect(twice.status).toBe(200);
    expect(await bridge.head()).toBe(head);

    const asSender = await bridge.call('GET', `/v1/messages/${id}`, { token: alice.token });
    expect(asSender.body.acknowledgedBy).toEqual(acked.body.acknowledgedBy);
  });

  it('searches subjects and bodies, with the other filters', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob } = team;
    const messages = [
      { subject: 'Database migration', body: 'Run it tonight.', importance: 'high' },
      { subject: 'Lunch', body: 'The café at noon?', importance: 'low' },
      { subject: 'Deploy', body: 'After the MIGRATION of the database.', importance: 'normal' },
    ];
    for (const message of messages) {
      expect((await send(bridge, alice, { to: 'bob', ...message })).status).toBe(201);
    }
    const search = (query: string) => subjects(bridge, bob, query);
    expect(await search('?query=database%20migration')).toEqual(['Deploy', 'Database migration']);
    expect(await search('?query=Cafe')).toEqual(['Lunch']);
    expect(await search('?query=migration&importance=high,urgent')).toEqual(['Database migration']);
    expect(await search('?query=nothing')).toEqual([]);
    expect(await subjects(bridge, alice, '?box=sent&query=tonight')).toEqual([
      'Database migration',
    ]);
    expect(await search(`?since=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).toHaveLength(3);
    expect(await search(`?since=${Date.now() + 3_600_000}`)).toEqual([]);
  });

  it('pages newest first with a cursor', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob } = team;
    for (const subject of ['one', 'two', 'three']) {
      await send(bridge, alice, { to: 'bob', subject, body: '' });
    }
    const first = await bridge.call('GET', '/v1/messages?limit=2', { token: bob.token });
    expect(first.body.messages.map((message: { subject: string }) => message.subject)).toEqual([
      'three',
      'two',
    ]);
    expect(first.body.next).toBe(first.body.messages[1].messageId);
    const second = await bridge.call('GET', `/v1/messages?limit=2&before=${first.body.next}`, {
      token: bob.token,
    });
    expect(second.body.messages.map((message: { subject: string }) => message.subject)).toEqual([
      'one',
    ]);
    expect(second.body.next).toBeNull();
  });

  it('attaches blobs uploaded as raw bytes', async () => {
    const { bridge, team } = await setUp();
    const { alice, bob } = team;
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    const upload = await fetch(`${bridge.url}/v1/blobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'image/png' },
      body: bytes,
    });
    expect(upload.status).toBe(201);
    const blob = (await upload.json()) as { hash: string; size: number };
    expect(blob).toEqual({ hash: blobHash(bytes), size: bytes.length });

    const sent = await send(bridge, alice, {
      to: 'bob',
      subject: 'Screenshot',
      body: 'attached',
      attachments: [blob.hash],
    });
    expect(sent.status).toBe(201);
    const received = await bridge.call('GET', `/v1/messages/${sent.body.messageId}`, {
      token: bob.token,
    });
    expect(received.body.attachments).toEqual([blob.hash]);

    const download = await fetch(`${bridge.url}/v1/blobs/${blob.hash}`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);

    // Bytes with no content type, text (fetch calls it text/plain) and JSON are all stored as sent.
    for (const [headers, content] of [
      [{}, Buffer.from('no content type')],
      [{}, 'plain text'],
      [{ 'content-type': 'application/json' }, '{"stored":"as bytes"}'],
    ] as const) {
      const stored = await fetch(`${bridge.url}/v1/blobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.token}`, ...headers },
        body: content,
      });
      expect(stored.status).toBe(201);
      expect(((await stored.json()) as { hash: string }).hash).toBe(blobHash(Buffer.from(content)));
    }
  });

  const note = { to: 'bob', subject: 's', body: '' };
  const missingBlob = 'a'.repeat(64);
  // [case, caller (null: no token), request, body, status, code, what the error names]
  // biome-ignore format: one refusal per line reads as a table
  const refusals: [string, Name | null, string, unknown, number, string, string?][] = [
    ['no token', null, 'POST /v1/messages', note, 401, 'unauthenticated'],
    ['an observer sending', 'olga', 'POST /v1/messages', note, 403, 'forbidden'],
    ['an unknown field', 'alice', 'POST /v1/messages', { ...note, cc: 'erin' }, 400, 'invalid_request', 'body/cc'],
    ['a missing subject', 'alice', 'POST /v1/messages', { to: 'bob', body: '' }, 400, 'invalid_request', 'body/subject'],
    ['an unknown importance', 'alice', 'POST /v1/messages', { ...note, importance: 'loud' }, 400, 'invalid_request', 'body/importance'],
    ['a malformed address', 'alice', 'POST /v1/messages', { ...note, to: 'role:king' }, 400, 'invalid_address', 'role:king'],
    ['an agent nobody registered', 'alice', 'POST /v1/messages', { ...note, to: 'nobody' }, 400, 'no_recipients', 'nobody'],
    ['an unknown thread', 'alice', 'POST /v1/messages', { ...note, threadId: UNKNOWN_ID }, 404, 'not_found'],
    ['a missing attachment', 'alice', 'POST /v1/messages', { ...note, attachments: [missingBlob] }, 400, 'attachment_not_found', missingBlob],
    ['an attachment that is no hash', 'alice', 'POST /v1/messages', { ...note, attachments: ['x'] }, 400, 'invalid_input', 'attachments'],
    ['an unknown filter', 'bob', 'GET /v1/messages?folder=x', undefined, 400, 'invalid_request', 'querystring/folder'],
    ['an unknown importance filter', 'bob', 'GET /v1/messages?importance=loud', undefined, 400, 'invalid_input', 'importance'],
    ['a limit of 0', 'bob', 'GET /v1/messages?limit=0', undefined, 400, 'invalid_request', 'querystring/limit'],
    ['a bad since', 'bob', 'GET /v1/messages?since=yesterday', undefined, 400, 'invalid_request', 'querystring/since'],
    ['reading an unknown message', 'bob', `GET /v1/messages/${UNKNOWN_ID}`, undefined, 404, 'not_found'],
    ['marking an unknown message read', 'bob', `POST /v1/messages/${UNKNOWN_ID}/read`, undefined, 404, 'not_found'],
    ['acknowledging an unknown message', 'bob', `POST /v1/messages/${UNKNOWN_ID}/ack`, undefined, 404, 'not_found'],
    ['acknowledging a malformed id', 'bob', 'POST /v1/messages/not-an-id/ack', undefined, 404, 'not_found'],
    ['an observer uploading a blob', 'olga', 'POST /v1/blobs', undefined, 403, 'forbidden'],
    ['an unknown blob', 'bob', `GET /v1/blobs/${missingBlob}`, undefined, 404, 'not_found'],
    ['a malformed blob hash', 'bob', 'GET /v1/blobs/ABC', undefined, 400, 'invalid_request', 'params/hash'],
  ];

  it.each(refusals)(
    'refuses %s and records nothing',
    async (_case, caller, request, body, status, code, named) => {
      const { bridge, team } = await setUp();
      const token = caller === null ? null : team[caller].token;
      await expectRefusalRecordsNothing(bridge, token, request, body, { status, code, named });
    },
  );

  it.each<[string, Name, string, number, string]>([
    ['the sender marking it read', 'alice', 'read', 403, 'not_recipient'],
    ['the sender acknowledging', 'alice', 'ack', 403, 'not_recipient'],
    ['an observer recipient acknowledging', 'olga', 'ack', 403, 'forbidden'],
    ['someone it was not sent to', 'bob', 'ack', 404, 'not_found'],
  ])('refuses receipts from %s', async (_case, caller, receipt, status, code) => {
    const { bridge, team } = await setUp();
    const sent = await send(bridge, team.alice, {
      to: 'olga',
      subject: 'FYI',
      body: '',
      ackRequired: true,
    });
    const head = await bridge.head();
    const answer = await bridge.call('POST', `/v1/messages/${sent.body.messageId}/${receipt}`, {
      token: team[caller].token,
    });
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(await bridge.head()).toBe(head);
  });
});
