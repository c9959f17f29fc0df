import * as v from 'valibot';
import { BroadcastEnvelopeSchema } from './envelope';
import { type BroadcastPayload, type BroadcastType, broadcasts } from '../contract/protocol';
import { roleOf } from './roles';
import type { MessageListener, RuntimePort } from './runtime-port';

/** The envelope of a broadcast, for whatever carries it (runtime messaging, or a push to one frame). */
export function broadcastMessage<T extends BroadcastType>(type: T, payload: BroadcastPayload<T>) {
  return { dialbar: 1, broadcast: type, payload } as const;
}

/** Sends a broadcast to every extension page that listens; nobody listening is not an error. */
export async function broadcast<T extends BroadcastType>(
  runtime: Pick<RuntimePort, 'sendMessage'>,
  type: T,
  payload: BroadcastPayload<T>,
): Promise<void> {
  try {
    await runtime.sendMessage(broadcastMessage(type, payload));
  } catch {
    // "Receiving end does not exist": no popup, options page or worker is listening right now.
  }
}

/** Listens for one broadcast type; payloads from the wrong sender or of the wrong shape are dropped. */
export function onBroadcast<T extends BroadcastType>(
  runtime: RuntimePort,
  type: T,
  listener: (payload: BroadcastPayload<T>) => void,
): () => void {
  const spec = broadcasts[type];
  const wrapped: MessageListener = (message, sender) => {
    const envelope = v.safeParse(BroadcastEnvelopeSchema, message);
    if (!envelope.success || envelope.output.broadcast !== type) return undefined;
    const role = roleOf(sender, runtime);
    if (role === null || !spec.from.includes(role)) return undefined;
    const payload = v.safeParse(spec.payload, envelope.output.payload);
    if (payload.success) listener(payload.output as BroadcastPayload<T>);
    return undefined;
  };
  runtime.onMessage.addListener(wrapped);
  return () => runtime.onMessage.removeListener(wrapped);
}
