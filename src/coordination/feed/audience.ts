import type { Actor } from '../actor.js';
import { type Address, reaches } from '../addresses.js';

/** Who a feed item is for, decided once per event and checked cheaply against each reader. */
export type Audience =
  /** These agents exactly (a message's recipients, the asker of a question, …). */
  | { kind: 'agents'; agentIds: ReadonlySet<string> }
  /** Whoever the address reaches, except the one who sent it. */
  | { kind: 'address'; address: Address; except: string }
  /** Whoever may decide a review: experts holding the capability and admins, not the requester. */
  | { kind: 'reviewers'; capability: string; except: string };

export function isFor(audience: Audience, reader: Actor): boolean {
  switch (audience.kind) {
    case 'agents':
      return audience.agentIds.has(reader.agentId);
    case 'address':
      return reader.agentId !== audience.except && reaches(audience.address, reader);
    case 'reviewers':
      return (
        reader.agentId !== audience.except &&
        (reader.role === 'admin' ||
          (reader.role === 'expert' && reader.capabilities.includes(audience.capability)))
      );
  }
}
