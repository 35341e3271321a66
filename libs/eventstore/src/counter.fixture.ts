import { ConflictError, type CommandMeta } from '#vorch/contracts';
import type { Decider } from './decider.js';

/** A tiny aggregate for the event store's own tests: a counter that refuses to go past its limit. */
export type CounterCommand = { type: 'Add'; amount: number; limit?: number };
export type CounterEvent = { type: 'Added'; data: { amount: number } };
export interface CounterState {
  total: number;
  adds: number;
}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: () => ({ total: 0, adds: 0 }),
  decide(command, state) {
    switch (command.type) {
      case 'Add':
        if (command.limit !== undefined && state.total + command.amount > command.limit) {
          throw new ConflictError('COUNTER.LIMIT', 'the counter would pass its limit', { total: state.total });
        }
        return command.amount === 0 ? [] : [{ type: 'Added', data: { amount: command.amount } }];
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Added':
        return { total: state.total + event.data.amount, adds: state.adds + 1 };
      default: {
        const unknown: never = event.type;
        throw new Error(`unknown event ${String(unknown)}`);
      }
    }
  },
};

export const meta = (commandId: string): CommandMeta => ({ commandId, tenantId: 'acme', correlationId: `corr-${commandId}` });
