import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../../../src/errors';
import {
  allowedCallCommands,
  CALL_COMMANDS,
  CALL_STATES,
  type CallCommand,
  callMachine,
  type CallRegions,
  type CallState,
  commandTransition,
  MUTE_STATES,
  REMOTE_HOLD_STATES,
  remoteHoldMachine,
} from '../../../src/machines/call-machine';
import { transition } from '../../../src/machines/machine';

/** What a person may do in each main state, written out by hand (not read from the table under test). */
const MAIN: Record<CallState, Partial<Record<CallCommand, CallState>>> = {
  dialing: { HANGUP: 'ending' },
  ringing: { HANGUP: 'ending' },
  incoming: { ANSWER: 'answering', DECLINE: 'ending' },
  answering: { HANGUP: 'ending' },
  talking: { HANGUP: 'ending', HOLD: 'holding', DTMF: 'talking', MERGE: 'conference', TRANSFER: 'transferring', CONSULT: 'holding' },
  holding: { HANGUP: 'ending' },
  held: { HANGUP: 'ending', RESUME: 'resuming', MERGE: 'joining', TRANSFER: 'transferringHeld', CONSULT: 'held' },
  resuming: { HANGUP: 'ending' },
  joining: { HANGUP: 'ending' },
  conference: { HANGUP: 'ending', DTMF: 'conference' },
  // A REFER is out: only hanging up (or muting) until its NOTIFY says how it went.
  transferring: { HANGUP: 'ending' },
  transferringHeld: { HANGUP: 'ending' },
  ending: {},
  ended: {},
};
const CONNECTED: readonly CallState[] = ['talking', 'holding', 'held', 'resuming', 'joining', 'conference', 'transferring', 'transferringHeld'];
/** The commands that span two calls: the call book decides them (test/unit/engine/transfers.test.ts, call-waiting.test.ts). */
const BOOK: readonly CallCommand[] = ['SWAP', 'COMPLETE_TRANSFER', 'CANCEL_CONSULT'];

/** Where the mute region goes on a command, if it accepts it. */
function expectedMute(state: CallState, regions: CallRegions, command: CallCommand): CallRegions['mute'] | undefined {
  if (!CONNECTED.includes(state)) return undefined;
  if (command === 'MUTE' && regions.mute === 'unmuted') return 'muted';
  if (command === 'UNMUTE' && regions.mute === 'muted') return 'unmuted';
  return undefined;
}

const REGION_CASES: CallRegions[] = REMOTE_HOLD_STATES.flatMap((remoteHold) => MUTE_STATES.map((mute) => ({ remoteHold, mute })));

describe('call machine: every state × every command × every region', () => {
  for (const state of CALL_STATES) {
    for (const regions of REGION_CASES) {
      for (const command of CALL_COMMANDS.filter((c) => !BOOK.includes(c)) as Exclude<CallCommand, 'SWAP' | 'COMPLETE_TRANSFER' | 'CANCEL_CONSULT'>[]) {
        const isMute = command === 'MUTE' || command === 'UNMUTE';
        const mainNext = isMute ? undefined : MAIN[state][command];
        const muteNext = isMute ? expectedMute(state, regions, command) : undefined;
        const allowed = mainNext !== undefined || muteNext !== undefined;
        it(`${state} (${regions.remoteHold}, ${regions.mute}) ${command}: ${allowed ? 'allowed' : 'refused'}`, () => {
          // MERGE is listed only where the call book also has a pair to merge.
          expect(allowedCallCommands(state, regions, { merge: true }).includes(command)).toBe(allowed);
          expect(allowedCallCommands(state, regions).includes(command)).toBe(allowed && command !== 'MERGE');
          if (mainNext !== undefined) {
            expect(commandTransition(state, regions, command)).toEqual({ state: mainNext, regions });
          } else if (muteNext !== undefined) {
            expect(commandTransition(state, regions, command)).toEqual({ state, regions: { ...regions, mute: muteNext } });
          } else {
            let thrown: unknown;
            try {
              commandTransition(state, regions, command);
            } catch (error) {
              thrown = error;
            }
            expect(thrown).toBeInstanceOf(InvalidStateError);
            const where = isMute && CONNECTED.includes(state) ? `the microphone is ${regions.mute}` : `call is ${state}`;
            expect(thrown).toMatchObject({ code: 'invalid-state', message: `“${command}” is not possible while ${where}.` });
          }
        });
      }
    }
  }

  it('offers the commands in one stable order, the union of both tables', () => {
    expect(allowedCallCommands('talking', { remoteHold: 'none', mute: 'unmuted' })).toEqual(['HANGUP', 'HOLD', 'MUTE', 'DTMF', 'TRANSFER', 'CONSULT']);
    expect(allowedCallCommands('held', { remoteHold: 'heldByRemote', mute: 'muted' })).toEqual(['HANGUP', 'RESUME', 'UNMUTE', 'TRANSFER', 'CONSULT']);
    expect(allowedCallCommands('transferringHeld', { remoteHold: 'none', mute: 'unmuted' })).toEqual(['HANGUP', 'MUTE']);
    expect(allowedCallCommands('ended', { remoteHold: 'none', mute: 'muted' })).toEqual([]);
    expect(allowedCallCommands('held', { remoteHold: 'none', mute: 'unmuted' }, { swap: true, merge: true })).toEqual([
      'HANGUP',
      'RESUME',
      'MUTE',
      'SWAP',
      'MERGE',
      'TRANSFER',
      'CONSULT',
    ]);
    expect(allowedCallCommands('conference', { remoteHold: 'none', mute: 'muted' }, { merge: true })).toEqual(['HANGUP', 'UNMUTE', 'DTMF']);
  });

  it('a conference party goes back to talking when the other leaves (LEAVE), and LEAVE is no command', () => {
    expect(transition(callMachine, 'conference', 'LEAVE')).toBe('talking');
    expect(transition(callMachine, 'joining', 'RESUMED')).toBe('conference');
    expect(CALL_COMMANDS).not.toContain('LEAVE');
    for (const state of CALL_STATES.filter((s) => s !== 'conference')) {
      expect(() => transition(callMachine, state, 'LEAVE')).toThrow(InvalidStateError);
    }
  });

  it('a transfer goes back where the call was when it fails, and to ending when the NOTIFY says 2xx', () => {
    expect(transition(callMachine, 'transferring', 'TRANSFER_FAILED')).toBe('talking');
    expect(transition(callMachine, 'transferringHeld', 'TRANSFER_FAILED')).toBe('held');
    expect(transition(callMachine, 'transferring', 'TRANSFERRED')).toBe('ending');
    expect(transition(callMachine, 'transferringHeld', 'TRANSFERRED')).toBe('ending');
    expect(() => transition(callMachine, 'talking', 'TRANSFERRED')).toThrow(InvalidStateError);
  });

  it('the remote-hold region follows the far end and takes no command', () => {
    expect(transition(remoteHoldMachine, 'none', 'REMOTE_HOLD')).toBe('heldByRemote');
    expect(transition(remoteHoldMachine, 'heldByRemote', 'REMOTE_RESUME')).toBe('none');
    expect(() => transition(remoteHoldMachine, 'none', 'REMOTE_RESUME')).toThrow(InvalidStateError);
  });
});
