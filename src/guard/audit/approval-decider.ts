import type { Decider } from '../../events/decider.js';
import { BridgeError } from '../../events/errors.js';
import type { ApprovalEvent, ApprovalGrant } from './events.js';

/** One approval code's life: granted by a human, then consumed by the one call it allows. */
export type ApprovalState =
  | { status: 'none' }
  | { status: 'granted'; grant: ApprovalGrant }
  | { status: 'consumed'; grant: ApprovalGrant };

export type ApprovalCommand =
  | { type: 'GrantApproval'; grant: ApprovalGrant }
  | {
      type: 'ConsumeApproval';
      code: string;
      agentId: string;
      inputDigest: string;
      sessionId: string | null;
      toolUseId: string | null;
      now: number;
    };

export const APPROVAL_NOT_USABLE = 'approval_not_usable';

function liveGrant(state: ApprovalState, now: number): ApprovalGrant | null {
  return state.status === 'granted' && state.grant.expiresAt > now ? state.grant : null;
}

export const approvalDecider: Decider<ApprovalCommand, ApprovalState, ApprovalEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'GrantApproval') {
      // Approving a code that is already approved and unused changes nothing.
      if (liveGrant(state, command.grant.grantedAt)) return [];
      return [{ type: 'GuardApprovalGranted', data: command.grant }];
    }
    const grant = liveGrant(state, command.now);
    if (!grant) {
      throw new BridgeError(
        APPROVAL_NOT_USABLE,
        `approval ${command.code} is not granted, already used, or expired`,
      );
    }
    if (grant.agentId !== command.agentId || grant.inputDigest !== command.inputDigest) {
      throw new BridgeError(
        APPROVAL_NOT_USABLE,
        `approval ${command.code} was granted for another call`,
      );
    }
    return [
      {
        type: 'GuardApprovalConsumed',
        data: {
          code: command.code,
          agentId: command.agentId,
          sessionId: command.sessionId,
          toolUseId: command.toolUseId,
          at: command.now,
        },
      },
    ];
  },

  evolve(state, event) {
    switch (event.type) {
      case 'GuardApprovalGranted':
        return { status: 'granted', grant: event.data };
      case 'GuardApprovalConsumed':
        return state.status === 'granted' ? { status: 'consumed', grant: state.grant } : state;
    }
  },
};
