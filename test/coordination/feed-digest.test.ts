import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/agents/principal.js';
import {
  clip,
  composeDigest,
  type DigestEntry,
  MAX_DIGEST_ENTRIES,
} from '../../src/coordination/feed/digest.js';
import { digestStreamId } from '../../src/coordination/feed/events.js';
import { openCoordination } from '../../src/coordination/open-coordination.js';
import { useTempDirs } from '../support/temp-dir.js';
import { openWorld, registerAgents } from './harness.js';

const tempDir = useTempDirs();

const entries = (...ids: string[]): DigestEntry[] => ids.map((id) => ({ id, line: `item ${id}` }));

describe('composeDigest', () => {
  it.each<[string, DigestEntry[], string[], string[] | null, number]>([
    ['nothing to show', [], [], null, 0],
    ['everything shown before', entries('a', 'b'), ['a', 'b'], null, 0],
    ['only what is new', entries('a', 'b', 'c'), ['b'], ['a', 'c'], 0],
    [
      'at most a few, the rest next time',
      entries('a', 'b', 'c', 'd', 'e', 'f', 'g'),
      ['a'],
      ['b', 'c', 'd', 'e', 'f'],
      1,
    ],
  ])('%s', (_name, candidates, shown, expected, waiting) => {
    const digest = composeDigest(candidates, new Set(shown));
    expect(digest?.shownIds ?? null).toEqual(expected);
    if (digest === null) return;
    expect(digest.shownIds.length).toBeLessThanOrEqual(MAX_DIGEST_ENTRIES);
    const lines = digest.text.split('\n');
    expect(lines.filter((line) => line.startsWith('- '))).toEqual(
      digest.shownIds.map((id) => `- item ${id}`),
    );
    if (waiting > 0) expect(lines.at(-1)).toBe(`(${waiting} more next time)`);
    else expect(digest.text).not.toContain('more next time');
  });

  it.each([
    ['a  b\n\tc ', 10, 'a b c'],
    ['abcdefghij', 10, 'abcdefghij'],
    ['abcdefghijk', 10, 'abcdefghi…'],
  ])('clips %j to one line of at most %i characters', (text, max, clipped) => {
    expect(clip(text, max)).toBe(clipped);
  });
});

describe('DigestService', () => {
  it('shows each urgent unread message and open question once, and remembers that from the log', async () => {
    const world = await openWorld(tempDir());
    const { alice, bob } = (await registerAgents(world, [
      { name: 'alice', role: 'builder' },
      { name: 'bob', role: 'builder' },
    ])) as Record<'alice' | 'bob', Principal>;
    const open = () =>
      openCoordination({ store: world.store, agents: world.registry, projectRoot: '/project' });
    const first = await open();
    for (let index = 1; index <= 6; index++) {
      await first.messages.send(alice, {
        to: 'bob',
        subject: `urgent ${index}`,
        body: '',
        importance: 'urgent',
      });
    }
    await first.elicitations.ask(alice, { to: 'bob', question: 'Ready?', schema: {} });

    const opening = await first.digest.next(bob);
    expect(opening).toMatch(/urgent 1.*urgent 5/s);
    expect(opening).not.toContain('urgent 6');
    expect(opening).toContain('(2 more next time)');
    const rest = await first.digest.next(bob);
    expect(rest).toMatch(/urgent 6.*Ready\?/s);
    expect(rest).not.toContain('urgent 1');
    expect(await first.digest.next(bob)).toBeNull();
    expect(await first.digest.next(alice)).toBeNull();
    const recorded = await world.store.readStream(digestStreamId(bob.agentId));
    expect(recorded.events.map((event) => event.type)).toEqual(['DigestShown', 'DigestShown']);

    // Opened while the first still runs, it has no snapshot of it: as after a crash, it replays.
    const second = await open();
    await first.close();
    expect(await second.digest.next(bob)).toBeNull();
    await second.messages.send(alice, {
      to: 'bob',
      subject: 'urgent 7',
      body: '',
      importance: 'urgent',
    });
    expect(await second.digest.next(bob)).toMatch(/^Lighthouse Bridge, new for you:\n- .*urgent 7/);
    await second.close();
    await world.close();
  });
});
