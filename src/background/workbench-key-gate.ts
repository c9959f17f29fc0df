/**
 * The service worker's half of the workbench localStorage-key shim (content/shims/workbench-key-shim.ts
 * has the page's half): every document of an origin that notices a write of `workbenchSdkCall` or
 * `workbenchSdkHangup` reports it here, and here one write becomes exactly one dial or hang-up.
 *
 * Why here. The reports of one write come from up to every tab and frame of the origin, in any
 * order, and a compromised renderer can send what it likes; only the worker sees them all and is
 * trusted. Claims run one after another (a promise chain: the worker is single-threaded, but each
 * claim awaits storage, so two unchained claims could both read "unclaimed"), and each claim is
 * written to storage.session before the command runs: a worker stopped and started between two
 * reports of one write still finds the first claim. The claim is written before acting, so a
 * worker stopped mid-way loses at most that one command: never a second dial.
 *
 * A dial needs a report from a frame that had transient user activation, unless the origin allows
 * silent dialling; reports without it are refused without claiming the write, so the writer's own
 * report (which has it) still dials when it arrives after the others' storage-event reports.
 */
import type { WorkbenchKeyOutcome as KeyOutcome } from '../contract/workbench-key';
import type { KeyValueArea } from '../settings/instance-id';
import { parseWorkbenchCall, WORKBENCH_CALL_KEY, WORKBENCH_VALUE_MAX, type WorkbenchCommandKey } from '../page-api/workbench-keys';

const CLAIMS_KEY = 'workbenchKeyClaims';
/** Claims kept for the browser session, newest last; a tab frozen for hours can still report an old write. */
export const CLAIMS_KEPT = 1000;

export interface KeyGateDeps {
  /** storage.session: outlives the worker, not the browser; content scripts cannot read it. */
  session: KeyValueArea;
}

/** What a report may lead to, for the origin and sender it came from. */
export interface KeyActions {
  /** The page API's dial, with its rate limit and checks: the shim is one more page source. */
  dial(number: string, options: { callerId?: string }): Promise<{ callId: string }>;
  hangup(): Promise<void>;
  /** The origin lets pages dial without a click (a per-origin setting). */
  mayDialSilently: boolean;
}

export type { KeyOutcome };

export function createWorkbenchKeyGate(deps: KeyGateDeps) {
  let queue: Promise<unknown> = Promise.resolve();

  /** True for the first report of a write (the caller acts on it), false for every later one. */
  function claim(origin: string, key: WorkbenchCommandKey, value: string): Promise<boolean> {
    const run = queue.then(async () => {
      const id = `${origin}\n${key}\n${value}`;
      const stored = (await deps.session.get(CLAIMS_KEY))[CLAIMS_KEY];
      const claims = Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
      if (claims.includes(id)) return false;
      claims.push(id);
      await deps.session.set({ [CLAIMS_KEY]: claims.slice(-CLAIMS_KEPT) });
      return true;
    });
    queue = run.catch(() => {});
    return run;
  }

  return {
    claim,
    /** One report of a key write from a document of `origin` (the sender's real origin, never a claimed one). */
    async handle(origin: string, report: { key: WorkbenchCommandKey; value: string; activation: boolean }, act: KeyActions): Promise<KeyOutcome> {
      if (report.value.length > WORKBENCH_VALUE_MAX) return { outcome: 'bad-value', reason: 'value-too-long' };
      if (report.key !== WORKBENCH_CALL_KEY) {
        if (!(await claim(origin, report.key, report.value))) return { outcome: 'duplicate' };
        await act.hangup();
        return { outcome: 'hung-up' };
      }
      const call = parseWorkbenchCall(report.value);
      if (!call.ok) return { outcome: 'bad-value', reason: call.reason };
      if (!report.activation && !act.mayDialSilently) return { outcome: 'needs-activation' };
      if (!(await claim(origin, report.key, report.value))) return { outcome: 'duplicate' };
      const placed = await act.dial(call.number, call.callerId ? { callerId: call.callerId } : {});
      return { outcome: 'dialled', callId: placed.callId };
    },
  };
}

export type WorkbenchKeyGate = ReturnType<typeof createWorkbenchKeyGate>;
