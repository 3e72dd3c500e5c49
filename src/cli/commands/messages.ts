import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { MessageView } from '../../client/index.js';
import { IMPORTANCE_LEVELS } from '../../coordination/messages/events.js';
import { type Bridge, bridgeCommand, onBridge } from '../bridge-command.js';
import { count, fields, names, table, time } from '../output.js';
import { collect, positiveInteger, readFile, textArgument } from '../values.js';

/** The options a new message and a reply share. */
function withSendOptions(command: Command): Command {
  return command
    .addOption(new Option('--importance <level>', 'how urgent').choices(IMPORTANCE_LEVELS))
    .option('--ack-required', 'ask the recipients to acknowledge it')
    .option('--attach <file>', 'attach a file (repeatable)', collect);
}

async function send(
  bridge: Bridge,
  message: { to: string; subject: string; body: string | undefined; threadId?: string },
): Promise<void> {
  const { flags, client } = bridge;
  const body = await textArgument(message.body, 'the message body');
  const attachments: string[] = [];
  for (const file of (flags.attach as string[] | undefined) ?? []) {
    attachments.push((await client.putBlob(readFile(file, 'attachment'))).hash);
  }
  const sent = await bridge.coordination.messages.send({
    to: message.to,
    subject: message.subject,
    body,
    threadId: message.threadId,
    importance: flags.importance,
    ackRequired: flags.ackRequired ? true : undefined,
    attachments: attachments.length > 0 ? attachments : undefined,
  });
  bridge.show(sent, (view) => {
    const attached =
      attachments.length > 0 ? ` with ${count(attachments.length, 'attachment')}` : '';
    return `sent ${view.messageId} to ${names(view.recipients) || view.to}${attached}`;
  });
}

function stateOf(message: MessageView): string {
  const read = message.read ? 'read' : 'unread';
  if (!message.ackRequired) return read;
  return `${read}, ${message.acknowledged ? 'acknowledged' : 'ack required'}`;
}

function describeMessage(message: MessageView): string[] {
  const receipts = (by: Record<string, string>) => Object.keys(by).length;
  return [
    ...fields([
      ['Message', message.messageId],
      ['Thread', message.threadId === message.messageId ? null : message.threadId],
      ['From', message.from.name],
      [
        'To',
        `${message.to}${message.to === names(message.recipients) ? '' : ` (${names(message.recipients)})`}`,
      ],
      ['Sent', time(message.sentAt)],
      ['Subject', message.subject],
      ['Importance', message.importance],
      [
        'Ack',
        message.ackRequired
          ? `required, acknowledged by ${receipts(message.acknowledgedBy)} of ${message.recipients.length}${message.acknowledged ? ', you included' : ''}`
          : null,
      ],
      ['Attachments', message.attachments.join(' ')],
    ]),
    '',
    message.body,
  ];
}

export function registerMessageCommands(program: Command): void {
  const msg = program.command('msg').description('send, read and acknowledge messages');

  onBridge(
    withSendOptions(
      bridgeCommand(
        msg,
        'send <to> <subject> [body]',
        'send a message to an agent, role:<role>, capability:<name> or * (body from stdin when left out or -)',
      ),
    ).option('--thread <id>', 'continue this thread'),
    (bridge, to: string, subject: string, body?: string) =>
      send(bridge, { to, subject, body, threadId: bridge.flags.thread }),
  );

  onBridge(
    withSendOptions(
      bridgeCommand(msg, 'reply <id> [body]', 'answer a message in its thread, to its sender'),
    ),
    async (bridge, id: string, body?: string) => {
      const original = await bridge.coordination.messages.get(id);
      const subject = /^re:/i.test(original.subject) ? original.subject : `Re: ${original.subject}`;
      await send(bridge, { to: original.from.name, subject, body, threadId: original.threadId });
    },
  );

  onBridge(
    bridgeCommand(msg, 'read <id>', 'show a message and mark it read'),
    async (bridge, id: string) => {
      bridge.show(await bridge.coordination.messages.get(id), describeMessage);
    },
  );

  onBridge(
    bridgeCommand(msg, 'ack <id>', 'acknowledge a message (marks it read too)'),
    async (bridge, id: string) => {
      const acknowledged = await bridge.coordination.messages.acknowledge(id);
      bridge.show(acknowledged, (view) => `acknowledged ${view.messageId}`);
    },
  );

  onBridge(
    bridgeCommand(msg, 'attachment <hash> <file>', 'save an attachment to a file (- for stdout)'),
    async (bridge, hash: string, file: string) => {
      const content = await bridge.client.getBlob(hash);
      if (file === '-' && !bridge.flags.json) {
        process.stdout.write(content);
        return;
      }
      if (file !== '-') writeFileSync(file, content);
      bridge.show(
        { hash, size: content.byteLength, file },
        (saved) => `saved ${saved.size} bytes to ${saved.file}`,
      );
    },
  );

  onBridge(
    bridgeCommand(program, 'inbox', 'list the messages addressed to you, newest first')
      .option('--unread', 'only those you have not read')
      .option('--thread <id>', 'only this thread')
      .option('--search <words>', 'only those with all these words in subject or body')
      .option(
        '--importance <levels>',
        'only these levels, comma-separated (low,normal,high,urgent)',
      )
      .option('--since <time>', 'only those sent since (ISO 8601)')
      .option('--sent', 'the messages you sent instead')
      .option('--before <id>', 'the page after this message')
      .option('--limit <n>', 'at most this many (default 50)', positiveInteger),
    async (bridge) => {
      const { flags } = bridge;
      const page = await bridge.coordination.messages.inbox({
        box: flags.sent ? 'sent' : undefined,
        unread: flags.unread,
        threadId: flags.thread,
        query: flags.search,
        importance: flags.importance?.split(','),
        since: flags.since,
        before: flags.before,
        limit: flags.limit,
      });
      bridge.show(page, ({ messages, next }) => {
        if (messages.length === 0) return 'no messages';
        const rows = messages.map((message) => [
          message.messageId,
          message.from.name,
          message.to,
          message.importance,
          stateOf(message),
          time(message.sentAt),
          message.subject,
        ]);
        const listed = table(['ID', 'FROM', 'TO', 'IMPORTANCE', 'STATE', 'SENT', 'SUBJECT'], rows);
        return next === null ? listed : [...listed, `more: --before ${next}`];
      });
    },
  );
}
