// Dialbar page API client (generated from src/page-api/client by `npm run build:client`; do not edit).
/**
 * What a web page sees of Dialbar through the page API: the client's public types. This file is
 * the interface between the client (`connect()` in this folder) and the facades built on it (the
 * seed SDK shims), and the source of the `.d.ts` a CRM imports. It imports nothing: the client is
 * a dependency-free module served to pages, so nothing here may pull in extension code.
 *
 * Names of states and commands are Dialbar's own (the snapshot's), so a refusal reads the same
 * sentence the popup shows. Nothing secret crosses: no account, no credentials, no history, no
 * DTMF digits, no calls started by pages of other origins.
 */

/** Version of the page API (and of the `window.postMessage` envelope that carries it). */
export declare const PAGE_API_VERSION = 1;

export type PageRegistrationState =
  | 'signedOut'
  | 'connecting'
  | 'registering'
  | 'registered'
  | 'reconnecting'
  | 'waitingToRetry'
  | 'failed';
export type PageAgentState = 'signedOut' | 'signingIn' | 'ready' | 'notReady' | 'afterCall' | 'afterCallNotReady';
export type PageAgentCommand = 'READY' | 'NOT_READY' | 'END_WRAP_UP';

/** A failure in words: `code` is Dialbar's error code (see README's table), `message` the sentence a person is told. */
export interface PageError {
  code: string;
  message: string;
  sipStatus?: number;
}

export interface PageAgent {
  state: PageAgentState;
  /** Not ready's reason, if any. */
  reason: string | null;
  /** Epoch ms the agent entered the state. */
  since: number;
  /** A live call is up (the agent is Busy on top of the state). */
  busy: boolean;
  wrapUpEndsAt: number | null;
  /** The agent commands the state accepts now. */
  allowed: PageAgentCommand[];
  /** The Not ready reasons to choose from. */
  reasons: string[];
}

export interface PageCall {
  id: string;
  direction: 'outgoing' | 'incoming';
  /** The call machine's state (`dialing`, `ringing`, `incoming`, `talking`, `held`, `conference`, `ended`, …). */
  state: string;
  muted: boolean;
  /** Held by the other side. */
  heldByRemote: boolean;
  number: string;
  displayName: string;
  /** `X-` call data of the INVITE (incoming) or sent with it (outgoing). */
  callData: Record<string, string>;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  end: { by: 'local' | 'remote' | 'system'; error: PageError | null; transferred: boolean } | null;
  /** The call commands its state accepts now (`ANSWER`, `HANGUP`, `HOLD`, `RESUME`, `DTMF`, `TRANSFER`, …). */
  allowed: string[];
}

export interface PageState {
  version: typeof PAGE_API_VERSION;
  registration: { state: PageRegistrationState; error: PageError | null };
  agent: PageAgent;
  calls: PageCall[];
  /** Whether a new call may start now, and if not why (the line policy's answer). */
  dial: { allowed: boolean; refusal: PageError | null };
}

/** Events, each with the state as it is after the change. */
export interface PageEventMap {
  /** Every change of anything below (a catch-all). */
  state: { state: PageState };
  agent: { agent: PageAgent; previous: PageAgent | null; state: PageState };
  registration: { registration: PageState['registration']; state: PageState };
  /** A call started ringing: incoming (the caller, its call data) or outgoing (ringing at the far end). */
  ringing: { call: PageCall; state: PageState };
  answered: { call: PageCall; state: PageState };
  held: { call: PageCall; state: PageState };
  resumed: { call: PageCall; state: PageState };
  ended: { call: PageCall; durationSeconds: number; cause: PageError | null; by: 'local' | 'remote' | 'system'; state: PageState };
  /** A failure not tied to a command's promise (e.g. the extension went away). */
  error: { error: PageError };
}
export type PageEventType = keyof PageEventMap;

export interface DialOptions {
  /** `X-` headers sent on the INVITE (same limits as everywhere: README, call data). */
  callData?: Record<string, string>;
  /** A display number for the called side (sent in the account's display-number header). */
  callerId?: string;
}

/** Every command's promise rejects with a `DialbarPageError` carrying the refusal in words. */
export interface DialbarClient {
  dial(number: string, options?: DialOptions): Promise<{ callId: string }>;
  /** Without a call id: the one live call (or the ringing one for answer). */
  hangup(callId?: string): Promise<void>;
  answer(callId?: string): Promise<void>;
  hold(callId?: string): Promise<void>;
  resume(callId?: string): Promise<void>;
  sendDtmf(digits: string, callId?: string): Promise<void>;
  transfer(target: string, callId?: string): Promise<void>;
  setAgentState(state: 'ready' | 'notReady' | 'endWrapUp', reason?: string): Promise<void>;
  getState(): Promise<PageState>;
  /** The last state received (null before the first). */
  readonly state: PageState | null;
  on<K extends PageEventType>(type: K, listener: (event: PageEventMap[K]) => void): () => void;
  /** Stops listening; later commands reject. */
  close(): void;
}

/** Rejection of every command: Dialbar's error code and the sentence a person is told. */
export declare class DialbarPageError extends Error implements PageError {
  readonly code: string;
  readonly sipStatus?: number;
  constructor(error: PageError);
}
export interface ConnectOptions {
  /** How long to wait for Dialbar's content script to answer (ms, default 10 000). */
  timeoutMs?: number;
  /** How long a command may take (ms, default 60 000). */
  commandTimeoutMs?: number;
}
/** Connects to Dialbar; rejects with a DialbarPageError when this site may not (yet) use it. */
export declare function connect(options?: ConnectOptions): Promise<DialbarClient>;
export declare const CLIENT_WORDS: { unavailable: string; closed: string; timeout: string };
export type PageEvent = { [K in PageEventType]: { type: K; detail: PageEventMap[K] } }[PageEventType];
/** The events between two successive states (what the client emits). */
export declare function deriveEvents(previous: PageState | null, next: PageState): PageEvent[];
