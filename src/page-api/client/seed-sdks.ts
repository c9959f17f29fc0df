/**
 * The seed SDKs' constructors, as drop-ins: `new WorkbenchSdk(config)` (002) and
 * `new WinCall(options)` (001) return at once, as the SDKs did, while the client connects behind
 * them; a method called before the connection is made waits for it. A connection that fails is
 * told as the SDK tells failures: 002's onErrorNotify (errorApi `connect`), 001's listener
 * (`connect_action`, code 400). The facades themselves are in workbench-facade.ts and wincall-facade.ts.
 */
import type { DialbarClient } from './types';
import { createWinCall, type WinCallFacade, type WinCallOptions } from './wincall-facade';
import { createWorkbench, type WorkbenchConfig, type WorkbenchFacade } from './workbench-facade';

function words(error: unknown): { code: string; message: string } {
  const record = typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown }) : {};
  return {
    code: typeof record.code === 'string' ? record.code : 'dialbar-error',
    message: typeof record.message === 'string' ? record.message : String(error),
  };
}

/** A 002 workbench whose client is still connecting. */
export function deferredWorkbench(connecting: Promise<DialbarClient>, config: WorkbenchConfig = {}): WorkbenchFacade {
  let facade: WorkbenchFacade | null = null;
  let destroyed = false;
  const ready = connecting.then((client) => {
    facade = createWorkbench(client, config);
    if (destroyed) facade.destroy();
    return facade;
  });
  ready.catch((error: unknown) => {
    const { code, message } = words(error);
    try {
      config.onErrorNotify?.({ errorApi: 'connect', errorCode: code, errorMsg: message, errorMsgTip: message, requestId: '' });
    } catch (hookError) {
      console.error('[Dialbar workbench facade] a hook threw', hookError);
    }
  });
  const later =
    <K extends 'call' | 'hangUp' | 'answer' | 'ready' | 'applyForBreak' | 'callHold' | 'callRetrieve' | 'sendDtmf'>(name: K) =>
    (...args: Parameters<WorkbenchFacade[K]>) => {
      const run: Promise<unknown> = ready.then((inner) => (inner[name] as (...a: unknown[]) => unknown)(...args));
      run.catch(() => {});
      return run as ReturnType<WorkbenchFacade[K]>;
    };
  return {
    call: later('call'),
    hangUp: later('hangUp'),
    answer: later('answer'),
    ready: later('ready'),
    applyForBreak: later('applyForBreak'),
    callHold: later('callHold'),
    callRetrieve: later('callRetrieve'),
    sendDtmf: later('sendDtmf'),
    getStatusCode: () => facade?.getStatusCode() ?? { code: -1, lastCode: -1 },
    getStatus: () => facade?.getStatus() ?? 'off',
    destroy: () => {
      destroyed = true;
      facade?.destroy();
    },
  };
}

/** A 001 WinCall whose client is still connecting; `init()` starts listening once it is connected. */
export function deferredWinCall(connecting: Promise<DialbarClient>, options: WinCallOptions = {}): WinCallFacade {
  let facade: WinCallFacade | null = null;
  const ready = connecting.then((client) => {
    facade = createWinCall(client, options);
    return facade;
  });
  ready.catch((error: unknown) => {
    const { code, message } = words(error);
    try {
      options.event_listener?.({
        code: 400,
        msg: message,
        type: 'connect_action',
        agStatus: 'Signed out',
        enableActions: [],
        disableActions: [],
        error: { code, message },
      });
    } catch (listenerError) {
      console.error('[Dialbar WinCall facade] event_listener threw', listenerError);
    }
  });
  type Ops = Omit<WinCallFacade, 'fn_getParam'>;
  const later =
    <K extends keyof Ops>(name: K) =>
    (...args: Parameters<Ops[K]>) => {
      const run: Promise<unknown> = ready.then((inner) => (inner[name] as (...a: unknown[]) => unknown)(...args));
      run.catch(() => {});
      return run as Promise<Awaited<ReturnType<Ops[K]>>>;
    };
  return {
    init: later('init') as unknown as WinCallFacade['init'],
    fn_login: later('fn_login'),
    fn_logout: later('fn_logout'),
    fn_unbusy: later('fn_unbusy'),
    fn_busy: later('fn_busy'),
    fn_answer: later('fn_answer'),
    fn_hangup: later('fn_hangup'),
    fn_hold: later('fn_hold'),
    fn_restore: later('fn_restore'),
    fn_dialouter: later('fn_dialouter'),
    fn_dialinner: later('fn_dialinner'),
    fn_dtmf: later('fn_dtmf'),
    fn_bindtrans: later('fn_bindtrans'),
    fn_getParam: (param) => facade?.fn_getParam(param) ?? '',
    destroy: later('destroy') as unknown as WinCallFacade['destroy'],
  };
}
