import * as v from 'valibot';
import { dialbarError, toUserError } from '../errors';
import { RequestEnvelopeSchema, type Response } from './envelope';
import { isMessageType, type Owner, type OutputOf, type OwnedBy, ownerOf, type ParsedInputOf, protocol, type Role } from '../contract/protocol';
import { roleOf } from './roles';
import type { MessageListener, MessageSender, RuntimePort } from './runtime-port';

export interface RequestContext {
  role: Role;
  sender: MessageSender;
}

export type Handlers<O extends Owner> = {
  [T in OwnedBy<O>]: (payload: ParsedInputOf<T>, context: RequestContext) => Promise<OutputOf<T>> | OutputOf<T>;
};

/**
 * Answers the requests `owner` handles. Each is checked in order: is it ours, may this sender
 * send it, is the payload well formed; only then does the handler run. Anything else is answered
 * with a clear error, never a crash. Returns a function that stops serving.
 */
export function serve<O extends Owner>(runtime: RuntimePort, owner: O, handlers: Handlers<O>): () => void {
  const listener: MessageListener = (message, sender) => {
    const envelope = v.safeParse(RequestEnvelopeSchema, message);
    if (!envelope.success) return undefined;
    const { type, payload } = envelope.output;
    if (!type.startsWith(`${owner}.`)) return undefined; // another context's message
    return handle(type, payload, sender);
  };

  async function handle(type: string, payload: unknown, sender: MessageSender): Promise<Response> {
    try {
      if (!isMessageType(type) || ownerOf(type) !== owner) throw dialbarError('invalid-message');
      const role = roleOf(sender, runtime);
      const spec = protocol[type];
      if (role === null || !spec.from.includes(role)) throw dialbarError('forbidden-sender');
      const input = v.safeParse(spec.input, payload);
      if (!input.success) throw dialbarError('invalid-message');
      const handler = handlers[type as OwnedBy<O>] as (p: unknown, c: RequestContext) => unknown;
      const value = await handler(input.output, { role, sender });
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      return { ok: false, error: toUserError(error) };
    }
  }

  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}
