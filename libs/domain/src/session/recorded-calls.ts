/**
 * What a guest observed from outside during one execution (or while its libraries loaded),
 * in the order it observed it: the clock (`Date.now()`, `new Date()`, `Date()`),
 * `Math.random()`, and each host-module call's JSON reply. Replay feeds these back instead
 * of asking the world again, so a resumed session sees the same values and repeats no write.
 */
export interface RecordedCalls {
  clock: number[];
  random: number[];
  /** Host-module replies as the host answered them: `[0]`, `[0, value]` or `[1, error]` JSON. */
  calls: string[];
}

export const recordedCallCount = (tape: RecordedCalls | undefined): number => (tape === undefined ? 0 : tape.clock.length + tape.random.length + tape.calls.length);
