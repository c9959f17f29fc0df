import { InvalidStateError } from '../errors';

/**
 * A small explicit state machine: named states, and per state the events it accepts and where
 * each leads. What a user may do in a state is exactly the set of command events it accepts,
 * so the UI asks the machine instead of combining booleans.
 */
export interface MachineDefinition<S extends string, E extends string> {
  id: string;
  states: Record<S, { on: Partial<Record<E, S>>; final?: true }>;
}

export function defineMachine<S extends string, E extends string>(
  definition: MachineDefinition<S, E>,
): MachineDefinition<S, E> {
  return definition;
}

export function canTransition<S extends string, E extends string>(
  definition: MachineDefinition<S, E>,
  state: S,
  event: E,
): boolean {
  return definition.states[state].on[event] !== undefined;
}

/** The next state, or an InvalidStateError naming the machine, state and refused event. */
export function transition<S extends string, E extends string>(
  definition: MachineDefinition<S, E>,
  state: S,
  event: E,
): S {
  const next = definition.states[state].on[event];
  if (next === undefined) throw new InvalidStateError(definition.id, state, event);
  return next;
}

/** The subset of `commands` the state accepts, in the order given. */
export function allowedEvents<S extends string, E extends string, C extends E>(
  definition: MachineDefinition<S, E>,
  state: S,
  commands: readonly C[],
): C[] {
  return commands.filter((command) => canTransition(definition, state, command));
}

export function isFinal<S extends string, E extends string>(definition: MachineDefinition<S, E>, state: S): boolean {
  return definition.states[state].final === true;
}
