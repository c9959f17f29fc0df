import { batch, computed, type ReadonlySignal, signal } from '@preact/signals';
import type { PlainCallCommand } from '../contract/protocol';
import type { CallSnapshot } from '../contract/snapshot';
import { type CallCommand, type CallState, isConnected } from '../machines/call-machine';
import { request } from '../messaging/client';
import type { RuntimePort } from '../messaging/runtime-port';
import { type AgentModel, createAgentModel } from './agent-model';
import { type Clock, createTicker, systemClock } from './clock';
import { type RegistrationView, registrationView } from './registration-view';
import { type ConferenceView, conferenceMembers, conferenceView } from './conference-view';
import { createSnapshotStore } from './snapshot-store';
import { errorText, errorWords, t } from './i18n';
import { autoAnswerWords, callRegionWords, callStateWords, formatDuration, lostCallWords, transferWords } from './words';

export interface PopupDeps {
  runtime: RuntimePort;
  /** `browser.runtime.openOptionsPage`. */
  openOptionsPage: () => Promise<void>;
  clock?: Clock;
}

export interface CallView {
  id: string;
  state: CallState;
  stateWords: string;
  /** Display name, or the number when there is none. */
  remoteName: string;
  /** The number (or SIP URI) when it differs from `remoteName`, else "". */
  remoteNumber: string;
  /** mm:ss since the call was answered; null before that. */
  duration: string | null;
  /** The call offers Answer / Decline (an incoming call), whether or not they are enabled now. */
  offersAnswer: boolean;
  canAnswer: boolean;
  canDecline: boolean;
  canHangup: boolean;
  /** Hold / Resume, Mute / Unmute and the keypad are offered once the call is connected. */
  offersCallControls: boolean;
  /** On hold by us (or on the way): the hold button says Resume. */
  onHold: boolean;
  muted: boolean;
  canHold: boolean;
  canResume: boolean;
  canMute: boolean;
  canUnmute: boolean;
  canSendDigits: boolean;
  /** Swap is offered on a connected call while another call is live; enabled when the book allows it. */
  offersSwap: boolean;
  canSwap: boolean;
  /** Merge (into a conference) is offered beside Swap; enabled when the book has a pair to merge. */
  canMerge: boolean;
  /** "Held by the other side", "Muted": the regions that apply now, in words. */
  regionWords: string[];
  /** DTMF digits sent so far, and the post-dial digits still waiting. */
  digitsSent: string;
  digitsPending: string;
  /** "Answering automatically in 3 s" while an auto-answer is pending, else null. */
  autoAnswer: string | null;
  /** Transfer (opens the transfer dialog) is offered on a connected call that is not part of a consult. */
  offersTransfer: boolean;
  canTransfer: boolean;
  canConsult: boolean;
  /** The call is one of a live consult pair: its card offers Transfer, Cancel consult and Swap. */
  inConsult: boolean;
  canCompleteTransfer: boolean;
  canCancelConsult: boolean;
  /** "Consult call" / "Held while you consult", for the pair's cards. */
  consultWords: string | null;
  /** The transfer's NOTIFY progress or outcome in words. */
  transferWords: string | null;
  /** "The call with … was lost when Dialbar’s phone restarted.", for a call a lost engine took down. */
  lostWords: string | null;
}

/** A command in flight; its buttons stay disabled until it settles. */
export type Pending = 'dial' | 'signIn' | 'signOut' | CallCommand | null;

export interface PopupModel {
  /** False until the first snapshot (or a failure to get one) arrives. */
  loaded: ReadonlySignal<boolean>;
  /** No phone account is configured: the popup offers the options page instead. */
  needsSetup: ReadonlySignal<boolean>;
  registration: ReadonlySignal<RegistrationView>;
  /** The agent status header (Ready, Not ready with a reason, wrap-up). */
  agent: AgentModel;
  /** Registration trouble in words: a failed command, no engine, or the engine's own error. */
  registrationError: ReadonlySignal<string | null>;
  /** A chosen audio device that is gone and the default standing in, in words; else null. */
  audioNotice: ReadonlySignal<string | null>;
  number: ReadonlySignal<string>;
  canDial: ReadonlySignal<boolean>;
  /**
   * The call cards: every live call (a ringing one first), each with its own state, timer and
   * buttons from its own `allowed`; with none live, the last ended call.
   */
  calls: ReadonlySignal<CallView[]>;
  /** The three-way call, while two calls are in it (their cards are then not in `calls`). */
  conference: ReadonlySignal<ConferenceView<CallView> | null>;
  /** The first card: the call the toolbar-wide buttons and digit keys speak of. */
  call: ReadonlySignal<CallView | null>;
  /** Hang up is possible: some live call allows HANGUP. */
  canHangup: ReadonlySignal<boolean>;
  /** Why the last call command failed, in words. */
  callError: ReadonlySignal<string | null>;
  /** An extension update waits for the live calls to end. */
  updateWaiting: ReadonlySignal<boolean>;
  pending: ReadonlySignal<Pending>;
  /** The options page address, for the setup link (opened with `openOptions`). */
  optionsUrl: string;
  setNumber(value: string): void;
  clearNumber(): void;
  dial(): Promise<void>;
  answer(): Promise<void>;
  decline(): Promise<void>;
  /** Hangs up the talking call first (a held call stays held), else the first call allowing it; in a conference, all of it. */
  hangup(): Promise<void>;
  /** Ends the conference: every party is hung up. */
  hangupAll(): Promise<void>;
  /** A command from one call's card, for that call. */
  command(callId: string, command: PlainCallCommand): Promise<void>;
  /**
   * From the transfer dialog: a blind transfer, or a consult call, to `target` (any format);
   * true when the engine took it (the dialog closes), false when refused (the error is shown).
   */
  transfer(callId: string, target: string): Promise<boolean>;
  consult(callId: string, target: string): Promise<boolean>;
  /** Digits from one call's card or keypad, for that call. */
  sendDigitsTo(callId: string, digits: string): Promise<void>;
  hold(): Promise<void>;
  resume(): Promise<void>;
  mute(): Promise<void>;
  unmute(): Promise<void>;
  /** Sends DTMF digits on the call that allows it; keypresses are sent in order, none dropped. */
  sendDigits(digits: string): Promise<void>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
  openOptions(): Promise<void>;
  dispose(): void;
}

export function createPopupModel(deps: PopupDeps): PopupModel {
  const { runtime } = deps;
  const number = signal('');
  const pending = signal<Pending>(null);
  const callError = signal<string | null>(null);
  const registrationCommandError = signal<string | null>(null);
  const clock = deps.clock ?? systemClock;
  const ticker = createTicker(clock);

  // A new call or a new registration state makes an older command error stale.
  const store = createSnapshotStore(runtime, {
    clock,
    onChange(next, previous) {
      if (previous === null) return;
      if (next.registration.state !== previous.registration.state) registrationCommandError.value = null;
      if (next.calls[0] !== undefined && next.calls[0].id !== previous.calls[0]?.id) callError.value = null;
    },
  });

  const agent = createAgentModel({ runtime, snapshot: store.snapshot, now: ticker.now });
  const loaded = computed(() => store.snapshot.value !== null || store.error.value !== null);
  const needsSetup = computed(() => store.snapshot.value !== null && store.snapshot.value.account === null);
  const registration = computed(() => registrationView(store.snapshot.value, ticker.now.value));
  const registrationError = computed(
    () => registrationCommandError.value ?? store.error.value ?? registration.value.error,
  );
  const audioNotice = computed(() => {
    const notice = store.snapshot.value?.audio?.notice;
    return notice ? errorWords(notice) : null;
  });
  const calls = computed<CallSnapshot[]>(() => store.snapshot.value?.calls ?? []);
  const shown = computed<CallSnapshot[]>(() => {
    const live = calls.value.filter((c) => c.state !== 'ended');
    if (live.length === 0) return calls.value.slice(0, 1);
    return [...live.filter((c) => c.allowed.includes('ANSWER')), ...live.filter((c) => !c.allowed.includes('ANSWER'))];
  });
  const allCards = computed<CallView[]>(() => {
    const several = shown.value.length > 1;
    const partnerOf = (c: CallSnapshot) => (c.consult ? calls.value.find((x) => x.id === c.consult?.with) : undefined);
    return shown.value.map((c) => callView(c, pending.value, ticker.now.value, several, partnerOf(c)));
  });
  const members = computed(() => conferenceMembers(shown.value));
  const conference = computed(() => (members.value ? conferenceView(members.value, allCards.value) : null));
  const cards = computed<CallView[]>(() => allCards.value.filter((c) => !members.value?.some((m) => m.id === c.id)));
  const call = computed<CallView | null>(() => cards.value[0] ?? conference.value?.parties[0] ?? null);
  /** The call a command acts on: the first that allows it, a call not on hold before a held one. */
  const target = (command: CallCommand) => {
    const allowing = calls.peek().filter((c) => c.allowed.includes(command));
    return allowing.find((c) => !onHold(c)) ?? allowing[0] ?? null;
  };
  const canHangup = computed(() => pending.value === null && calls.value.some((c) => c.allowed.includes('HANGUP')));
  // The snapshot says whether the engine's line policy takes a new call; without a snapshot yet,
  // the service worker's answer to the dial will say why not.
  const canDial = computed(
    () => number.value.trim().length > 0 && pending.value === null && (store.snapshot.value?.dial.allowed ?? true),
  );

  async function run(what: Exclude<Pending, null>, errorTo: typeof callError, action: () => Promise<unknown>) {
    if (pending.peek() !== null) return;
    batch(() => {
      pending.value = what;
      errorTo.value = null;
    });
    try {
      await action();
    } catch (error) {
      errorTo.value = errorText(error);
    } finally {
      pending.value = null;
    }
  }

  // Call requests go out one after another, so digits typed before Hold reach the call before it.
  let callQueue: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = callQueue.then(task, task);
    callQueue = next.catch(() => {});
    return next;
  }

  function callCommand(command: PlainCallCommand): Promise<void> {
    const c = target(command);
    return c === null ? Promise.resolve() : commandFor(c.id, command);
  }

  async function withTarget(callId: string, command: 'TRANSFER' | 'CONSULT', target: string): Promise<boolean> {
    const c = calls.peek().find((x) => x.id === callId);
    const text = target.trim();
    if (!c?.allowed.includes(command) || text === '') return false;
    let ok = false;
    await run(command, callError, async () => {
      await serial(() => request(runtime, 'background.callControl', { callId, command, target: text }));
      ok = true;
    });
    return ok;
  }

  function commandFor(callId: string, command: PlainCallCommand): Promise<void> {
    const c = calls.peek().find((x) => x.id === callId);
    if (!c?.allowed.includes(command)) return Promise.resolve();
    return run(command, callError, () => serial(() => request(runtime, 'background.callControl', { callId, command })));
  }

  /** HANGUP to every party, one after another (the last one is an ordinary call by then). */
  function hangupAll(): Promise<void> {
    const ids = members.peek()?.map((m) => m.id) ?? [];
    if (ids.length === 0) return Promise.resolve();
    return run('HANGUP', callError, async () => {
      for (const callId of ids) await serial(() => request(runtime, 'background.callControl', { callId, command: 'HANGUP' }));
    });
  }

  /** Digits do not wait for `pending` (a fast typist would lose some); they queue like the rest. */
  async function digitsFor(callId: string | undefined, digits: string): Promise<void> {
    const c = calls.peek().find((x) => x.id === callId);
    if (!c?.allowed.includes('DTMF') || digits === '') return;
    try {
      await serial(() => request(runtime, 'background.callControl', { callId: c.id, command: 'DTMF', digits }));
    } catch (error) {
      callError.value = errorText(error);
    }
  }

  return {
    loaded,
    needsSetup,
    registration,
    agent,
    registrationError,
    audioNotice,
    number,
    canDial,
    calls: cards,
    conference,
    call,
    canHangup,
    callError,
    updateWaiting: computed(() => store.snapshot.value?.updateWaiting === true),
    pending,
    optionsUrl: runtime.getURL('/options.html'),
    setNumber(value) {
      number.value = value;
    },
    clearNumber() {
      number.value = '';
    },
    dial() {
      const target = number.peek().trim();
      if (target === '') return Promise.resolve();
      return run('dial', callError, () => request(runtime, 'background.dial', { number: target, source: 'popup' }));
    },
    answer: () => callCommand('ANSWER'),
    decline: () => callCommand('DECLINE'),
    hangup: () => (members.peek() ? hangupAll() : callCommand('HANGUP')),
    hangupAll,
    hold: () => callCommand('HOLD'),
    resume: () => callCommand('RESUME'),
    mute: () => callCommand('MUTE'),
    unmute: () => callCommand('UNMUTE'),
    command: commandFor,
    transfer: (callId, target) => withTarget(callId, 'TRANSFER', target),
    consult: (callId, target) => withTarget(callId, 'CONSULT', target),
    sendDigits: (digits) => digitsFor(target('DTMF')?.id, digits),
    sendDigitsTo: digitsFor,
    signIn() {
      if (!registration.peek().canSignIn) return Promise.resolve();
      return run('signIn', registrationCommandError, () => request(runtime, 'background.signIn', null));
    },
    signOut() {
      if (!registration.peek().canSignOut) return Promise.resolve();
      return run('signOut', registrationCommandError, () => request(runtime, 'background.signOut', null));
    },
    async openOptions() {
      try {
        await deps.openOptionsPage();
      } catch (error) {
        registrationCommandError.value = errorText(error);
      }
    },
    dispose() {
      store.dispose();
      ticker.stop();
    },
  };
}

function onHold(c: CallSnapshot): boolean {
  return c.state === 'holding' || c.state === 'held' || c.state === 'resuming' || c.state === 'transferringHeld';
}

/** `several`: another live call has a card too (Swap is offered then). */
function callView(c: CallSnapshot, pending: Pending, now: number, several = false, partner?: CallSnapshot): CallView {
  const who = c.remote.number || c.remote.uri || c.shown;
  const name = c.remote.displayName.trim();
  const busy = pending !== null;
  const inConsult = partner !== undefined && partner.state !== 'ended' && c.state !== 'ended';
  const partnerName = partner ? partner.remote.displayName.trim() || partner.remote.number || partner.shown : '';
  return {
    id: c.id,
    state: c.state,
    stateWords: callStateWords(c),
    remoteName: name || who,
    remoteNumber: name && name !== who ? who : '',
    duration: c.answeredAt === null ? null : formatDuration((c.endedAt ?? now) - c.answeredAt),
    offersAnswer: c.allowed.includes('ANSWER') || c.allowed.includes('DECLINE'),
    canAnswer: !busy && c.allowed.includes('ANSWER'),
    canDecline: !busy && c.allowed.includes('DECLINE'),
    canHangup: !busy && c.allowed.includes('HANGUP'),
    offersCallControls: isConnected(c.state),
    onHold: onHold(c),
    muted: c.regions.mute === 'muted',
    canHold: !busy && c.allowed.includes('HOLD'),
    canResume: !busy && c.allowed.includes('RESUME'),
    canMute: !busy && c.allowed.includes('MUTE'),
    canUnmute: !busy && c.allowed.includes('UNMUTE'),
    canSendDigits: c.allowed.includes('DTMF'),
    offersSwap: several && isConnected(c.state),
    canSwap: !busy && c.allowed.includes('SWAP'),
    canMerge: !busy && c.allowed.includes('MERGE'),
    regionWords: callRegionWords(c),
    digitsSent: c.dtmf.sent,
    digitsPending: c.dtmf.pending,
    autoAnswer: c.state === 'ended' ? null : autoAnswerWords(c.autoAnswerAt, now),
    offersTransfer: isConnected(c.state) && !inConsult,
    canTransfer: !busy && c.allowed.includes('TRANSFER'),
    canConsult: !busy && c.allowed.includes('CONSULT'),
    inConsult,
    canCompleteTransfer: !busy && c.allowed.includes('COMPLETE_TRANSFER'),
    canCancelConsult: !busy && c.allowed.includes('CANCEL_CONSULT'),
    consultWords: inConsult ? (c.consult?.role === 'consult' ? t('call.consultAbout', { name: partnerName }) : t('call.consultWaiting', { name: partnerName })) : null,
    transferWords: transferWords(c),
    lostWords: lostCallWords(c),
  };
}
