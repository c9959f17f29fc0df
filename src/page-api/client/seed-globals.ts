/**
 * dialbar-seed-sdks.js, a classic script for CRMs written for the seed SDKs: it defines
 * `window.WorkbenchSdk` (002) and `window.WinCall` (001), so such a CRM swaps the SDK's
 * `<script src>` for Dialbar's and keeps `new WorkbenchSdk({...hooks})` / `new WinCall({...})`.
 * Each constructor connects its own page API client (see seed-sdks.ts). Built into public/ by
 * `npm run build:client`, as an IIFE: a classic script runs before the CRM's next script does.
 */
import { connect } from './connect';
import { deferredWinCall, deferredWorkbench } from './seed-sdks';
import type { WinCallFacade, WinCallOptions } from './wincall-facade';
import { createWinCall } from './wincall-facade';
import { createWorkbench, type WorkbenchConfig, type WorkbenchFacade } from './workbench-facade';
import { workbenchStatus } from './workbench-status';

/** `new WorkbenchSdk(config)`: a constructor that returns the facade (so `new` yields it). */
const WorkbenchSdk = function WorkbenchSdk(config?: WorkbenchConfig): WorkbenchFacade {
  return deferredWorkbench(connect(), config ?? {});
} as unknown as new (config?: WorkbenchConfig) => WorkbenchFacade;

const WinCall = function WinCall(options?: WinCallOptions): WinCallFacade {
  return deferredWinCall(connect(), options ?? {});
} as unknown as new (options?: WinCallOptions) => WinCallFacade;

Object.assign(window, {
  WorkbenchSdk,
  WinCall,
  // The parts, for a CRM that connects its own client: createWorkbench(await connect(), config).
  DialbarSeedSdks: { connect, createWorkbench, createWinCall, workbenchStatus },
});
