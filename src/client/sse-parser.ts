/** One server-sent event: the `id`, `event` and joined `data` fields of a block. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Incremental parser for the text/event-stream format: feed it chunks as they arrive, it returns
 * the messages completed so far. Comment lines (starting with `:`) are keep-alives and are skipped.
 */
export class SseParser {
  private pending = '';
  private id: string | null = null;
  private event = '';
  private data: string[] = [];

  push(chunk: string): SseMessage[] {
    this.pending += chunk;
    const messages: SseMessage[] = [];
    let start = 0;
    for (;;) {
      const newline = this.pending.slice(start).search(/\r\n|\r|\n/);
      if (newline < 0) break;
      const end = start + newline;
      const line = this.pending.slice(start, end);
      const breakLength = this.pending.startsWith('\r\n', end) ? 2 : 1;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (breakLength === 1 && this.pending[end] === '\r' && end + 1 === this.pending.length) break;
      start = end + breakLength;
      const message = this.line(line);
      if (message) messages.push(message);
    }
    this.pending = this.pending.slice(start);
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const message = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
      this.data = [];
      this.event = '';
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'event') this.event = value;
    return null;
  }
}
