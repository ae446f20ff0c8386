import assert from 'node:assert/strict';
import { Decider } from '@vm-system/domain';

/**
 * Given past events, when a command is decided, then these events (or this error code).
 * The decider is pure, so no store is needed.
 */
export function deciderSpec<C, E, S>(decider: Decider<C, E, S>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const decide = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: E[]) => assert.deepEqual(decide(), expected),
        thenFails: (code: string) => assert.throws(decide, (e: { code?: string }) => e.code === code),
      };
    },
  });
}
