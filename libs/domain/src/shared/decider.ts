/** The functional decider of an aggregate: everything the core needs, nothing of Nest. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}
