import * as v from 'valibot';
import { WORKBENCH_COMMAND_KEYS, WORKBENCH_VALUE_MAX } from '../page-api/workbench-keys';

/**
 * A content script's report of a write to one of the workbench SDK's command keys (README,
 * "The workbench localStorage keys"), and what the service worker made of it. The worker reads
 * the origin from the sender and parses the value itself; the report only says what was read.
 */
export const WorkbenchKeyReportSchema = v.strictObject({
  key: v.picklist(WORKBENCH_COMMAND_KEYS),
  value: v.pipe(v.string(), v.maxLength(WORKBENCH_VALUE_MAX)),
  /** The frame had transient user activation when it read the write. */
  activation: v.boolean(),
});
export type WorkbenchKeyReport = v.InferOutput<typeof WorkbenchKeyReportSchema>;

export const WorkbenchKeyOutcomeSchema = v.variant('outcome', [
  v.object({ outcome: v.literal('dialled'), callId: v.string() }),
  v.object({ outcome: v.literal('hung-up') }),
  /** Another report of the same write came first. */
  v.object({ outcome: v.literal('duplicate') }),
  v.object({ outcome: v.literal('needs-activation') }),
  v.object({ outcome: v.literal('bad-value'), reason: v.string() }),
]);
export type WorkbenchKeyOutcome = v.InferOutput<typeof WorkbenchKeyOutcomeSchema>;
