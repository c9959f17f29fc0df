import type { CallOrigin, CallSnapshot, CallTransfer } from '../contract/snapshot';
import { dialbarError } from '../errors';
import { allowedCallCommands, type BookCommand, CALL_COMMANDS, type CallCommand, type CallRegions, type CallState } from '../machines/call-machine';
import type { CallData } from '../settings/call-data';
import type { DtmfSender } from './dtmf-sender';
import type { Microphone, SipCall } from './sip-stack';

export interface CallRecord {
  id: string;
  direction: CallSnapshot['direction'];
  state: CallState;
  regions: CallRegions;
  sip: SipCall | null;
  mic: MediaStream | null;
  /** The far end's audio (the remote stream), which a conference mixes. */
  voice: MediaStream | null;
  dtmf: DtmfSender;
  /** Digits to send once the call is answered (`,` pauses, a number's extension). */
  postDial: string;
  shown: string;
  origin: CallOrigin | null;
  createdAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  end: CallSnapshot['end'];
  remote: CallSnapshot['remote'];
  /** The `X-` headers of the INVITE (received, or sent with an outgoing call). */
  callData: CallData;
  /** A pending auto-answer: when it fires, and how to call it off. */
  autoAnswer: { at: number; cancel: () => void } | null;
  /** The latest transfer of this call (blind or attended), with its NOTIFY progress. */
  transfer: CallTransfer | null;
  /** The consult relation while both calls of the pair live; kept on the ended one for its card. */
  consult: NonNullable<CallSnapshot['consult']> | null;
  /** The call ended because it was transferred. */
  transferred: boolean;
}

/** The commands with their own path in the call book (a target to normalise, or two calls). */
export type CommandWithEffect = Exclude<CallCommand, BookCommand | 'TRANSFER' | 'CONSULT'>;

/** What the call book adds to, or takes from, a call's own `allowed` (commands spanning two calls). */
export interface BookView {
  add: readonly CallCommand[];
  drop: readonly CallCommand[];
}
const NO_BOOK: BookView = { add: [], drop: ['CONSULT'] };

export interface CommandScope {
  sip: SipCall;
  /** The state the machine moved the call to for this command. */
  next: CallState;
  microphone: Microphone;
  dtmf: DtmfSender;
  /** The digits of a DTMF command. */
  digits: string;
  /** The status a DECLINE sends (486 or 603, by the line policy). */
  declineStatus: number;
  /** Hands the call the microphone it sends, so ending the call closes it; false if it ended meanwhile. */
  useMicrophone(mic: MediaStream): boolean;
  /** Ends the call locally with this error (the SIP call is already terminated). */
  fail(error: unknown): void;
  /** The stack refused the command after all: the machine goes back to where it was. */
  revert(): void;
}

/** Runs a stack call; if it throws, the machine's step is undone and the refusal passes on. */
function orRevert(scope: CommandScope, action: () => void): void {
  try {
    action();
  } catch (error) {
    scope.revert();
    throw error;
  }
}

/** What each call command does once the machine has allowed it: one row per command. */
export const COMMAND_EFFECTS: Record<CommandWithEffect, (scope: CommandScope) => Promise<void> | void> = {
  async ANSWER({ sip, microphone, useMicrophone, fail }) {
    try {
      const mic = await microphone.open();
      // The caller may have given up while the microphone opened.
      if (!useMicrophone(mic)) return microphone.close(mic);
      sip.answer(mic);
    } catch (error) {
      sip.terminate(480);
      fail(error);
      throw error;
    }
  },
  DECLINE: ({ sip, declineStatus }) => sip.terminate(declineStatus),
  HANGUP: ({ sip }) => sip.terminate(),
  HOLD: (scope) => orRevert(scope, () => scope.sip.hold()),
  RESUME: (scope) => orRevert(scope, () => scope.sip.resume()),
  MUTE: (scope) => orRevert(scope, () => scope.sip.setMuted(true)),
  UNMUTE: (scope) => orRevert(scope, () => scope.sip.setMuted(false)),
  // A talking call joins at once; a held one is resumed first (joining, then conference).
  MERGE: (scope) => {
    if (scope.next === 'joining') orRevert(scope, () => scope.sip.resume());
  },
  DTMF({ dtmf, digits }) {
    if (digits === '') throw dialbarError('invalid-message');
    dtmf.enqueue(digits);
  },
};

/**
 * `book`: what the call book says beyond the call's own tables (SWAP, the consult pair's commands,
 * whether the line policy lets a consult start); without it, no CONSULT is offered.
 */
export function toSnapshot(r: CallRecord, book: BookView = NO_BOOK): CallSnapshot {
  const own: CallCommand[] = allowedCallCommands(r.state, r.regions);
  const allowed = CALL_COMMANDS.filter((c) => (own.includes(c) && !book.drop.includes(c)) || book.add.includes(c));
  return {
    id: r.id,
    direction: r.direction,
    state: r.state,
    regions: { ...r.regions },
    remote: { ...r.remote },
    shown: r.shown,
    origin: r.origin,
    createdAt: r.createdAt,
    answeredAt: r.answeredAt,
    endedAt: r.endedAt,
    end: r.end,
    transfer: r.transfer,
    consult: r.consult,
    dtmf: { sent: r.dtmf.sent, pending: r.postDial + r.dtmf.pending },
    callData: { ...r.callData },
    autoAnswerAt: r.autoAnswer?.at ?? null,
    allowed,
  };
}
