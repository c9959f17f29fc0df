import * as v from 'valibot';
import { UserErrorSchema } from '../contract/snapshot';

/** Every Dialbar message travels in one of these, so stray messages from elsewhere are told apart. */
export const RequestEnvelopeSchema = v.object({ dialbar: v.literal(1), type: v.string(), payload: v.unknown() });
export const BroadcastEnvelopeSchema = v.object({ dialbar: v.literal(1), broadcast: v.string(), payload: v.unknown() });
export const ResponseSchema = v.variant('ok', [
  v.object({ ok: v.literal(true), value: v.unknown() }),
  v.object({ ok: v.literal(false), error: UserErrorSchema }),
]);
export type Response = v.InferOutput<typeof ResponseSchema>;
