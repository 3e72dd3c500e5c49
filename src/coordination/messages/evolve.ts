import type { MessageEvent, MessageSent, ReceiptEvent } from './events.js';

/** A sent message with its receipts: agent id → when it was read or acknowledged. */
export type Message = MessageSent['data'] & {
  readBy: Record<string, string>;
  acknowledgedBy: Record<string, string>;
};

export type MessageState = Message | null;

export function initialMessageState(): MessageState {
  return null;
}

/** Folds a message's own stream and its recipients' receipts into one view. */
export function evolveMessage(state: MessageState, event: MessageEvent): MessageState {
  if (event.type === 'MessageSent') return { ...event.data, readBy: {}, acknowledgedBy: {} };
  if (state === null) return state;
  switch (event.type) {
    case 'MessageRead':
      return { ...state, readBy: { ...state.readBy, [event.data.agentId]: event.data.readAt } };
    case 'MessageAcknowledged': {
      const { agentId, acknowledgedAt } = event.data;
      return {
        ...state,
        readBy: { [agentId]: acknowledgedAt, ...state.readBy },
        acknowledgedBy: { ...state.acknowledgedBy, [agentId]: acknowledgedAt },
      };
    }
    default:
      return state;
  }
}

export function isRecipient(message: Message, agentId: string): boolean {
  return message.recipients.some((recipient) => recipient.agentId === agentId);
}

/** One recipient's receipt; an acknowledgement counts as reading. */
export type Receipt = { read: boolean; acknowledged: boolean };

export function initialReceipt(): Receipt {
  return { read: false, acknowledged: false };
}

export function evolveReceipt(receipt: Receipt, event: ReceiptEvent): Receipt {
  switch (event.type) {
    case 'MessageRead':
      return { ...receipt, read: true };
    case 'MessageAcknowledged':
      return { read: true, acknowledged: true };
    default:
      return receipt;
  }
}
