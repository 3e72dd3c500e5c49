import { describe, expect, it } from 'vitest';
import { appendBody, useBridges } from './harness.js';

const start = useBridges();

describe('POST /v1/streams/:streamId/events', () => {
  it('appends and answers the position of the last event and the next revision', async () => {
    const bridge = await start();
    const first = await bridge.call('POST', '/v1/streams/orders-1/events', {
      body: appendBody('A', 'B'),
    });
    expect(first).toMatchObject({ status: 200, body: { position: 2, nextRevision: 2 } });
    const second = await bridge.call('POST', '/v1/streams/orders-1/events', {
      body: { expectedRevision: 1, ...appendBody('C') },
    });
    expect(second.body).toEqual({ position: 3, nextRevision: 3 });
  });

  it('keeps a client-supplied event id and treats a resend as the same append', async () => {
    const bridge = await start();
    const body = {
      events: [{ id: '01939d2e-7a4b-7000-8000-00000000abcd', type: 'A', data: { n: 1 } }],
    };
    const first = await bridge.call('POST', '/v1/streams/s/events', { body });
    const again = await bridge.call('POST', '/v1/streams/s/events', { body });
    expect(again.body).toEqual(first.body);
    expect(await bridge.head()).toBe(1);
    const read = await bridge.call('GET', '/v1/streams/s/events');
    expect(read.body.events[0].id).toBe('01939d2e-7a4b-7000-8000-00000000abcd');
  });

  it('stamps the caller as metadata.agentId and keeps the other metadata', async () => {
    const bridge = await start();
    const token = await bridge.tokenFor('alice', 'builder');
    const agentId = bridge.agents.registry.find('alice')?.agentId;
    const body = {
      events: [
        { type: 'A', data: 1, metadata: { correlationId: 'c-1', note: 'x' } },
        { type: 'B', data: 2, metadata: { agentId } },
        { type: 'C', data: 3 },
      ],
    };
    expect((await bridge.call('POST', '/v1/streams/s/events', { token, body })).status).toBe(200);
    const read = await bridge.call('GET', '/v1/streams/s/events');
    expect(read.body.events.map((event: { metadata: unknown }) => event.metadata)).toEqual([
      { correlationId: 'c-1', note: 'x', agentId },
      { agentId },
      { agentId },
    ]);
  });

  describe('refusals: status, code, the field named, and nothing appended', () => {
    const valid = appendBody('A');
    const cases: Array<{
      name: string;
      path?: string;
      body?: unknown;
      rawBody?: string;
      headers?: Record<string, string>;
      as?: 'observer' | 'builder' | 'nobody' | 'forged';
      status: number;
      code: string;
      message?: RegExp;
    }> = [
      {
        name: 'a type that is not a string',
        body: { events: [{ type: 5, data: {} }] },
        status: 400,
        code: 'invalid_request',
        message: /^body\/events\/0\/type must be string$/,
      },
      {
        name: 'an unknown field in an event',
        body: { events: [{ type: 'A', data: {}, extra: 1 }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/extra/,
      },
      {
        name: 'an unknown top-level field',
        body: { ...valid, stream: 'x' },
        status: 400,
        code: 'invalid_request',
        message: /body\/stream/,
      },
      {
        name: 'a missing data',
        body: { events: [{ type: 'A' }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/data is required/,
      },
      {
        name: 'no events',
        body: { events: [] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events/,
      },
      {
        name: 'more than 1000 events',
        body: appendBody(...Array.from({ length: 1001 }, () => 'A')),
        status: 400,
        code: 'invalid_request',
        message: /body\/events/,
      },
      {
        name: 'an empty type',
        body: { events: [{ type: '', data: 1 }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/type/,
      },
      {
        name: 'a type over 200 characters',
        body: { events: [{ type: 'x'.repeat(201), data: 1 }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/type/,
      },
      {
        name: 'an event id that is not a UUID',
        body: { events: [{ id: 'e-1', type: 'A', data: 1 }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/id/,
      },
      {
        name: 'metadata that is not an object',
        body: { events: [{ type: 'A', data: 1, metadata: [] }] },
        status: 400,
        code: 'invalid_request',
        message: /body\/events\/0\/metadata/,
      },
      {
        name: 'a bad expected revision word',
        body: { expectedRevision: 'latest', ...valid },
        status: 400,
        code: 'invalid_request',
        message: /body\/expectedRevision/,
      },
      {
        name: 'a negative expected revision',
        body: { expectedRevision: -1, ...valid },
        status: 400,
        code: 'invalid_request',
        message: /body\/expectedRevision/,
      },
      {
        name: 'a string where a number was meant',
        body: { expectedRevision: '0', ...valid },
        status: 400,
        code: 'invalid_request',
        message: /body\/expectedRevision/,
      },
      { name: 'malformed JSON', rawBody: '{"events": [', status: 400, code: 'invalid_request' },
      {
        name: 'a bad If-Match',
        body: valid,
        headers: { 'if-match': 'soon' },
        status: 400,
        code: 'invalid_request',
        message: /if-match/,
      },
      {
        name: 'If-Match disagreeing with the body',
        body: { expectedRevision: 'no_stream', ...valid },
        headers: { 'if-match': '3' },
        status: 400,
        code: 'invalid_request',
        message: /disagree/,
      },
      {
        name: 'a stream id over 200 characters',
        path: `/v1/streams/${'s'.repeat(201)}/events`,
        body: valid,
        status: 400,
        code: 'invalid_request',
        message: /params\/streamId/,
      },
      {
        name: 'a stream id with a control character',
        path: '/v1/streams/a%0Ab/events',
        body: valid,
        status: 400,
        code: 'invalid_request',
        message: /params\/streamId/,
      },
      {
        name: 'a system stream',
        path: '/v1/streams/%24agent-alice/events',
        body: valid,
        status: 403,
        code: 'reserved_stream',
      },
      {
        name: 'another agent claimed in metadata',
        body: { events: [{ type: 'A', data: 1, metadata: { agentId: 'someone-else' } }] },
        status: 403,
        code: 'identity_mismatch',
        message: /body\/events\/0\/metadata\/agentId/,
      },
      {
        name: 'a wrong expected revision',
        body: { expectedRevision: 7, ...valid },
        status: 409,
        code: 'wrong_expected_revision',
      },
      {
        name: 'no_stream on a stream that exists',
        body: { expectedRevision: 'no_stream', ...valid },
        status: 409,
        code: 'wrong_expected_revision',
      },
      {
        name: 'an id reused with other content',
        body: { events: [{ id: '01939d2e-7a4b-7000-8000-000000000001', type: 'Other', data: 1 }] },
        path: '/v1/streams/existing/events',
        status: 409,
        code: 'idempotency_conflict',
      },
      { name: 'a read-only role', as: 'observer', body: valid, status: 403, code: 'forbidden' },
      { name: 'no token', as: 'nobody', body: valid, status: 401, code: 'unauthenticated' },
      { name: 'a forged token', as: 'forged', body: valid, status: 401, code: 'unauthenticated' },
    ];

    it.each(cases)('$name → $status $code', async (each) => {
      const bridge = await start();
      const seeded = await bridge.call('POST', '/v1/streams/existing/events', {
        body: { events: [{ id: '01939d2e-7a4b-7000-8000-000000000001', type: 'Seed', data: 0 }] },
      });
      expect(seeded.status).toBe(200);
      const observer =
        each.as === 'observer' ? await bridge.tokenFor('olga', 'observer') : undefined;
      const tokens = {
        observer,
        nobody: null,
        forged: `${bridge.adminToken}-forged`,
        builder: undefined,
      };
      const head = await bridge.head();
      const answer = await bridge.call('POST', each.path ?? '/v1/streams/existing/events', {
        body: each.body,
        rawBody: each.rawBody,
        headers: each.headers,
        token: each.as ? tokens[each.as] : undefined,
      });
      expect(answer.status).toBe(each.status);
      expect(answer.body.error.code).toBe(each.code);
      if (each.message) expect(answer.body.error.message).toMatch(each.message);
      expect(await bridge.head()).toBe(head);
    });
  });

  it.each([
    ['0', 'refuses', 409],
    ['"1"', 'accepts a quoted revision', 200],
    ['1', 'accepts', 200],
    ['exists', 'accepts a word', 200],
    ['*', 'accepts * as exists', 200],
    ['no_stream', 'refuses no_stream', 409],
  ])('If-Match: %s %s', async (ifMatch, _what, status) => {
    const bridge = await start();
    await bridge.call('POST', '/v1/streams/s/events', { body: appendBody('A', 'B') });
    const answer = await bridge.call('POST', '/v1/streams/s/events', {
      body: appendBody('C'),
      headers: { 'if-match': ifMatch },
    });
    expect(answer.status).toBe(status);
  });

  it('accepts If-Match together with the same expected revision in the body', async () => {
    const bridge = await start();
    const answer = await bridge.call('POST', '/v1/streams/s/events', {
      body: { expectedRevision: 'no_stream', ...appendBody('A') },
      headers: { 'if-match': 'no_stream' },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a body over the limit with 413 and appends nothing', async () => {
    const bridge = await start({ bodyLimitBytes: 1024 });
    const answer = await bridge.call('POST', '/v1/streams/s/events', {
      body: { events: [{ type: 'A', data: 'x'.repeat(2000) }] },
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('body_too_large');
    expect(await bridge.head()).toBe(0);
  });

  it('accepts a stream id of 200 characters', async () => {
    const bridge = await start();
    const answer = await bridge.call('POST', `/v1/streams/${'é'.repeat(200)}/events`, {
      body: appendBody('A'),
    });
    expect(answer.status).toBe(200);
  });
});

describe('reading events', () => {
  async function seeded() {
    const bridge = await start();
    const builder = await bridge.tokenFor('bob', 'builder');
    const bobId = bridge.agents.registry.find('bob')?.agentId;
    const base = await bridge.head();
    for (let index = 0; index < 5; index++) {
      await bridge.call('POST', `/v1/streams/orders-${index % 2}/events`, {
        token: index === 4 ? builder : undefined,
        body: {
          events: [
            {
              type: index % 2 === 0 ? 'Even' : 'Odd',
              data: { index },
              metadata: { correlationId: `c-${index}` },
            },
          ],
        },
      });
    }
    return { bridge, base, bobId };
  }

  it('pages a stream forwards and backwards with next', async () => {
    const { bridge } = await seeded();
    const revisions = async (direction: string) => {
      const seen: number[] = [];
      let from: number | null = direction === 'forwards' ? 0 : 2;
      while (from !== null) {
        const page = await bridge.call(
          'GET',
          `/v1/streams/orders-0/events?direction=${direction}&limit=2&fromRevision=${from}`,
        );
        expect(page.status).toBe(200);
        seen.push(...page.body.events.map((event: { revision: number }) => event.revision));
        from = page.body.next;
      }
      return seen;
    };
    expect(await revisions('forwards')).toEqual([0, 1, 2]);
    expect(await revisions('backwards')).toEqual([2, 1, 0]);
  });

  it('answers an unknown stream with an empty page', async () => {
    const { bridge } = await seeded();
    expect((await bridge.call('GET', '/v1/streams/none/events')).body).toEqual({
      events: [],
      next: null,
    });
  });

  it('pages the whole log with after and next in both directions', async () => {
    const { bridge } = await seeded();
    const head = await bridge.head();
    const positions = async (direction: string, first?: number) => {
      const seen: number[] = [];
      let after: number | null | undefined = first;
      do {
        const query = `direction=${direction}&limit=2${after === undefined ? '' : `&after=${after}`}`;
        const page = await bridge.call('GET', `/v1/events?${query}`);
        seen.push(...page.body.events.map((event: { position: number }) => event.position));
        after = page.body.next;
      } while (after !== null);
      return seen;
    };
    const all = Array.from({ length: head }, (_, index) => index + 1);
    expect(await positions('forwards')).toEqual(all);
    expect(await positions('backwards', head + 1)).toEqual([...all].reverse());
  });

  it('returns the envelope as the contract says', async () => {
    const { bridge } = await seeded();
    const page = await bridge.call('GET', '/v1/events?streamPrefix=orders-&limit=1');
    const event = page.body.events[0];
    expect(Object.keys(event).sort()).toEqual(
      [
        'data',
        'hash',
        'id',
        'metadata',
        'position',
        'recordedAt',
        'revision',
        'streamId',
        'type',
      ].sort(),
    );
    expect(event).toMatchObject({
      streamId: 'orders-0',
      revision: 0,
      type: 'Even',
      data: { index: 0 },
    });
    expect(typeof event.position).toBe('number');
  });

  it.each([
    ['types', 'types=Odd', (e: Envelope) => e.type === 'Odd', 2],
    ['several types', 'types=Odd,Even', (e: Envelope) => e.streamId.startsWith('orders-'), 5],
    ['stream prefix', 'streamPrefix=orders-1', (e: Envelope) => e.streamId === 'orders-1', 2],
    ['agent', 'agentId=BOB', (e: Envelope) => e.data.index === 4, 1],
    ['correlation', 'correlationId=c-3', (e: Envelope) => e.data.index === 3, 1],
    ['time range', 'since=0&until=2000-01-01T00:00:00Z', () => false, 0],
  ])('filters by %s', async (_name, query, expected, count) => {
    const { bridge, bobId } = await seeded();
    const page = await bridge.call(
      'GET',
      `/v1/events?${query.replace('BOB', bobId ?? '')}&limit=1000`,
    );
    expect(page.status).toBe(200);
    expect(page.body.events).toHaveLength(count);
    expect(page.body.events.every(expected)).toBe(true);
  });

  it.each([
    ['limit over 1000', '/v1/events?limit=1001', /querystring\/limit/],
    ['limit zero', '/v1/events?limit=0', /querystring\/limit/],
    ['a negative after', '/v1/events?after=-1', /querystring\/after/],
    ['a bad direction', '/v1/events?direction=sideways', /querystring\/direction/],
    ['an unknown parameter', '/v1/events?colour=red', /querystring\/colour/],
    ['a bad time', '/v1/events?since=yesterday', /since/],
    ['a bad revision', '/v1/streams/s/events?fromRevision=x', /querystring\/fromRevision/],
  ])('refuses %s with 400', async (_name, path, message) => {
    const bridge = await start();
    const answer = await bridge.call('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
  });

  it('lets an observer read but not write', async () => {
    const bridge = await start();
    const observer = await bridge.tokenFor('olga', 'observer');
    expect((await bridge.call('GET', '/v1/events', { token: observer })).status).toBe(200);
    expect((await bridge.call('GET', '/v1/streams/s/events', { token: observer })).status).toBe(
      200,
    );
    expect((await bridge.call('GET', '/v1/events', { token: null })).status).toBe(401);
  });
});

type Envelope = { type: string; streamId: string; data: { index: number } };
