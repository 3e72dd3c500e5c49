import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/client/sse-parser.js';

const stream =
  'id: 1\ndata: {"a":1}\n\n: heartbeat\n\nid: 2\nevent: note\ndata: line one\ndata: line two\n\n';
const expected = [
  { id: '1', event: 'message', data: '{"a":1}' },
  { id: '2', event: 'note', data: 'line one\nline two' },
];

describe('SseParser', () => {
  it.each([1, 2, 3, 7, stream.length])(
    'parses a stream cut into chunks of %d characters',
    (size) => {
      const parser = new SseParser();
      const messages = [];
      for (let at = 0; at < stream.length; at += size)
        messages.push(...parser.push(stream.slice(at, at + size)));
      expect(messages).toEqual(expected);
    },
  );

  it.each([
    ['CRLF line ends', 'id: 5\r\ndata: x\r\n\r\n', [{ id: '5', event: 'message', data: 'x' }]],
    ['CR line ends', 'id: 5\rdata: x\r\rdata', [{ id: '5', event: 'message', data: 'x' }]],
    ['no space after the colon', 'data:x\n\n', [{ id: null, event: 'message', data: 'x' }]],
    ['a field without a value', 'data\n\n', [{ id: null, event: 'message', data: '' }]],
    ['a block without data', 'id: 3\n\n', []],
    ['an unfinished block', 'id: 3\ndata: x\n', []],
  ])('handles %s', (_name, input, messages) => {
    expect(new SseParser().push(input)).toEqual(messages);
  });

  it('keeps the last event id for later blocks, as the format says', () => {
    const parser = new SseParser();
    expect(parser.push('id: 9\ndata: a\n\ndata: b\n\n').map((m) => m.id)).toEqual(['9', '9']);
  });

  it('waits for the \\n of a \\r\\n split across chunks', () => {
    const parser = new SseParser();
    expect(parser.push('data: x\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual([{ id: null, event: 'message', data: 'x' }]);
  });
});
