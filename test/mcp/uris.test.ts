import { describe, expect, it } from 'vitest';
import { subscriptionRefusal } from '../../src/mcp/resources/uris.js';

describe('subscriptionRefusal', () => {
  it.each([
    ['lighthouse://agents', null],
    ['lighthouse://events/recent', null],
    ['lighthouse://agents/alice/inbox', null],
    ['lighthouse://threads/01a2aaaa-0000-7000-8000-000000000000', null],
    ['lighthouse://tasks/01a2aaaa-0000-7000-8000-000000000000', null],
    [
      'lighthouse://agents/bob/inbox',
      'you may follow only your own inbox, lighthouse://agents/alice/inbox',
    ],
    [
      'lighthouse://files/src/app.ts',
      'the bridge serves no resource lighthouse://files/src/app.ts',
    ],
    ['file:///etc/passwd', 'the bridge serves no resource file:///etc/passwd'],
  ])('%s as alice: %s', (uri, refusal) => {
    expect(subscriptionRefusal(uri, 'alice')).toBe(refusal);
  });
});
