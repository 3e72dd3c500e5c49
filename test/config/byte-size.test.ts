import { describe, expect, it } from 'vitest';
import { parseByteSize } from '../../src/config/byte-size.js';

describe('parseByteSize', () => {
  it.each([
    ['2048', 2048],
    ['512b', 512],
    ['512kb', 512 * 1024],
    ['512KB', 512 * 1024],
    ['2mb', 2 * 1024 * 1024],
    ['2 mb', 2 * 1024 * 1024],
    ['1.5mb', 1.5 * 1024 * 1024],
    [' 64kb ', 64 * 1024],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'mb', 'lots', '-1kb', '2gb', '1e3', '2 m b', '0x10'])('refuses %j', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});
