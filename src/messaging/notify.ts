import type { InputOf, MessageType, OutputOf } from '../contract/protocol';
import type { RuntimePort } from './runtime-port';

/**
 * Sends one request whose answer is null and does not wait to read it. For the page bootstrap,
 * which must stay a few KB: it imports no schema (types only). The receiver validates the
 * request as for every other message; an answer or refusal is dropped unread.
 */
export function notify<T extends MessageType>(
  runtime: Pick<RuntimePort, 'sendMessage'>,
  type: OutputOf<T> extends null ? T : never,
  payload: InputOf<T>,
): Promise<void> {
  return runtime.sendMessage({ dialbar: 1, type, payload }).then(
    () => undefined,
    () => undefined,
  );
}
