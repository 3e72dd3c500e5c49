import { describe, expect, it } from 'vitest';
import { requireLoopbackUrl } from '../../bench/lib/loopback.js';

describe('requireLoopbackUrl', () => {
  it.each([
    'http://127.0.0.1:8765/v1/hooks',
    'http://127.1.2.3/',
    'http://[::1]:8080/x',
    'http://[::ffff:127.0.0.1]/',
    'http://localhost:9/',
  ])('accepts %s', async (url) => {
    await expect(requireLoopbackUrl(url)).resolves.toBeInstanceOf(URL);
  });

  it.each([
    { url: 'http://10.0.0.1/', code: 'non_loopback_target' },
    { url: 'http://192.168.1.20:8765/', code: 'non_loopback_target' },
    { url: 'http://[2001:db8::1]/', code: 'non_loopback_target' },
    { url: 'http://[::ffff:10.0.0.1]/', code: 'non_loopback_target' },
    { url: 'http://0.0.0.0/', code: 'non_loopback_target' },
    { url: 'http://no-such-host.invalid/', code: 'non_loopback_target' },
    { url: 'https://127.0.0.1/', code: 'invalid_input' },
    { url: 'not a url', code: 'invalid_input' },
  ])('refuses $url with $code', async ({ url, code }) => {
    await expect(requireLoopbackUrl(url)).rejects.toMatchObject({ code });
  });
});
