import * as v from 'valibot';
import { dialbarError, DialbarError } from '../errors';
import { ResponseSchema } from './envelope';
import { type InputOf, type MessageType, type OutputOf, protocol } from '../contract/protocol';
import type { RuntimePort } from './runtime-port';

/**
 * Sends one request and returns its validated result; a refusal on the other side is thrown
 * here as the DialbarError it was.
 */
export async function request<T extends MessageType>(
  runtime: Pick<RuntimePort, 'sendMessage'>,
  type: T,
  payload: InputOf<T>,
): Promise<OutputOf<T>> {
  let raw: unknown;
  try {
    raw = await runtime.sendMessage({ dialbar: 1, type, payload });
  } catch {
    // No listener answered: the receiving context is not running (yet).
    throw dialbarError('engine-unavailable');
  }
  const response = v.safeParse(ResponseSchema, raw);
  if (!response.success) throw dialbarError(raw === undefined ? 'engine-unavailable' : 'invalid-message');
  if (!response.output.ok) {
    const { code, message, sipStatus, params } = response.output.error;
    throw new DialbarError(code, message, sipStatus, params);
  }
  const value = v.safeParse(protocol[type].output, response.output.value);
  if (!value.success) throw dialbarError('invalid-message');
  return value.output as OutputOf<T>;
}
