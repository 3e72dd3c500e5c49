import { AGENT_STREAM_PREFIX } from '../../agents/events.js';
import { parseAddress } from '../../coordination/addresses.js';
import {
  ELICITATION_STREAM_PREFIX,
  type ElicitationAsked,
} from '../../coordination/elicitations/events.js';
import {
  MESSAGE_STREAM_PREFIX,
  type MessageSent,
  type ReceiptEvent,
} from '../../coordination/messages/events.js';
import { PRESENCE_STREAM_PREFIX } from '../../coordination/presence/events.js';
import { TASK_STREAM_PREFIX } from '../../coordination/tasks/events.js';
import type { EventEnvelope } from '../../events/envelope.js';
import { AGENTS_URI, inboxUri, RECENT_EVENTS_URI, taskUri, threadUri } from './uris.js';

/** Who hears of a change: every connected agent, or these agents (by id) only. */
export type Audience = { kind: 'everyone' } | { kind: 'agents'; agentIds: readonly string[] };

/** What one recorded event means to MCP clients. */
export type Change =
  /** A resource's contents changed. */
  | { kind: 'updated'; uri: string; audience: Audience }
  /** The list of resources changed (a new task or thread). */
  | { kind: 'listed'; audience: Audience }
  /** A question was addressed by name to an agent, for whoever stands behind it. */
  | { kind: 'asked'; agentName: string; question: ElicitationAsked['data'] }
  /** A question was answered, declined, cancelled or expired. */
  | { kind: 'closed'; elicitationId: string };

const EVERYONE: Audience = { kind: 'everyone' };

function agents(...agentIds: string[]): Audience {
  return { kind: 'agents', agentIds };
}

/** Inboxes are named after agents: the inbox change of a receipt needs the agent's name. */
export type NameOf = (agentId: string) => string | undefined;

function messageChanges(event: EventEnvelope, nameOf: NameOf): Change[] {
  if (event.type === 'MessageSent') {
    const message = event.data as MessageSent['data'];
    const participants = [message.from, ...message.recipients].map((agent) => agent.agentId);
    const changes: Change[] = message.recipients.map((recipient) => ({
      kind: 'updated',
      uri: inboxUri(recipient.name),
      audience: agents(recipient.agentId),
    }));
    changes.push({
      kind: 'updated',
      uri: threadUri(message.threadId),
      audience: agents(...participants),
    });
    if (message.threadId === message.messageId) {
      changes.push({ kind: 'listed', audience: agents(...participants) });
    }
    return changes;
  }
  const receipt = event.data as ReceiptEvent['data'];
  const name = nameOf(receipt.agentId);
  return name === undefined
    ? []
    : [{ kind: 'updated', uri: inboxUri(name), audience: agents(receipt.agentId) }];
}

function questionChanges(event: EventEnvelope): Change[] {
  if (event.type !== 'ElicitationAsked') {
    return [
      { kind: 'closed', elicitationId: event.streamId.slice(ELICITATION_STREAM_PREFIX.length) },
    ];
  }
  const question = event.data as ElicitationAsked['data'];
  const address = parseAddress(question.to);
  return address.kind === 'agent' ? [{ kind: 'asked', agentName: address.name, question }] : [];
}

/**
 * The changes an event makes visible over MCP. Pure: the same event always means the same
 * changes. Every event updates the recent events; the rest depends on its stream.
 */
export function changesOf(event: EventEnvelope, nameOf: NameOf): Change[] {
  const changes: Change[] = [{ kind: 'updated', uri: RECENT_EVENTS_URI, audience: EVERYONE }];
  const { streamId } = event;
  if (streamId.startsWith(AGENT_STREAM_PREFIX) || streamId.startsWith(PRESENCE_STREAM_PREFIX)) {
    changes.push({ kind: 'updated', uri: AGENTS_URI, audience: EVERYONE });
  } else if (streamId.startsWith(MESSAGE_STREAM_PREFIX)) {
    changes.push(...messageChanges(event, nameOf));
  } else if (streamId.startsWith(TASK_STREAM_PREFIX)) {
    changes.push({
      kind: 'updated',
      uri: taskUri(streamId.slice(TASK_STREAM_PREFIX.length)),
      audience: EVERYONE,
    });
    if (event.type !== 'TaskProgressed') changes.push({ kind: 'listed', audience: EVERYONE });
  } else if (streamId.startsWith(ELICITATION_STREAM_PREFIX)) {
    changes.push(...questionChanges(event));
  }
  return changes;
}
