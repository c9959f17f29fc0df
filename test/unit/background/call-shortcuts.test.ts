import { describe, expect, it } from 'vitest';
import { type CallShortcut, frontCall, runCallShortcut, shortcutControl } from '../../../src/background/call-shortcuts';
import { type CallSnapshot, idleSnapshot, type Snapshot } from '../../../src/contract/snapshot';
import type { CallControl } from '../../../src/contract/protocol';
import { InvalidStateError } from '../../../src/errors';
import { allowedCallCommands, type CallState, type MuteState } from '../../../src/machines/call-machine';

function call(id: string, state: CallState, mute: MuteState = 'unmuted'): CallSnapshot {
  const regions = { remoteHold: 'none' as const, mute };
  return {
    id,
    direction: state === 'incoming' || state === 'answering' ? 'incoming' : 'outgoing',
    state,
    regions,
    remote: { uri: `sip:${id}@lab`, displayName: '', number: id },
    shown: '',
    origin: null,
    createdAt: 0,
    answeredAt: null,
    endedAt: null,
    end: null,
    dtmf: { sent: '', pending: '' },
    callData: {},
    autoAnswerAt: null,
    allowed: allowedCallCommands(state, regions),
  };
}

const withCalls = (...calls: CallSnapshot[]): Snapshot => ({ ...idleSnapshot('e1'), calls });

describe('which call a shortcut acts on', () => {
  it.each([
    ['one talking call', [call('a', 'talking')], 'a'],
    ['talking and a waiting caller: the talking one', [call('w', 'incoming'), call('a', 'talking')], 'a'],
    ['talking and a held call: the talking one', [call('h', 'held'), call('a', 'talking')], 'a'],
    ['a held call and a resuming one: the resuming one', [call('h', 'held'), call('r', 'resuming')], 'r'],
    ['a call being dialled', [call('d', 'dialing')], 'd'],
    ['a held call and a ringing caller: the held one', [call('w', 'incoming'), call('h', 'held')], 'h'],
    ['only a ringing caller', [call('w', 'incoming')], 'w'],
    ['an ended call and a held one: the held one', [call('e', 'ended'), call('h', 'held')], 'h'],
  ])('%s', (_, calls, id) => {
    expect(frontCall(calls)?.id).toBe(id);
  });

  it('no live call: none', () => {
    expect(frontCall([])).toBeNull();
    expect(frontCall([call('e', 'ended')])).toBeNull();
  });
});

describe('what each shortcut asks', () => {
  const cases: Array<[CallShortcut, CallSnapshot, CallControl['command']]> = [
    ['hold-resume', call('a', 'talking'), 'HOLD'],
    ['hold-resume', call('a', 'held'), 'RESUME'],
    ['hold-resume', call('a', 'dialing'), 'HOLD'],
    ['mute-unmute', call('a', 'talking'), 'MUTE'],
    ['mute-unmute', call('a', 'talking', 'muted'), 'UNMUTE'],
    ['mute-unmute', call('a', 'held', 'muted'), 'UNMUTE'],
    ['hang-up', call('a', 'talking'), 'HANGUP'],
    ['hang-up', call('a', 'ringing'), 'HANGUP'],
    ['hang-up', call('a', 'held'), 'HANGUP'],
    ['hang-up', call('a', 'incoming'), 'DECLINE'],
  ];
  it.each(cases)('%s on a %o call: %s', (shortcut, c, command) => {
    expect(shortcutControl(shortcut, [c])).toEqual({ callId: 'a', command });
  });

  it('hang up with a waiting caller ends the talking call, not the caller', () => {
    expect(shortcutControl('hang-up', [call('w', 'incoming'), call('a', 'talking')])).toEqual({ callId: 'a', command: 'HANGUP' });
  });

  it('every shortcut on a connected call asks for a command its machine allows', () => {
    for (const state of ['talking', 'held'] as const) {
      for (const shortcut of ['hold-resume', 'mute-unmute', 'hang-up'] as const) {
        const c = call('a', state);
        expect(c.allowed).toContain(shortcutControl(shortcut, [c])?.command);
      }
    }
  });
});

describe('running a shortcut', () => {
  function run(shortcut: CallShortcut, snapshot: Snapshot | null, refuse?: Error) {
    const sent: CallControl[] = [];
    const problems: string[] = [];
    const done = runCallShortcut(shortcut, {
      snapshot: async () => snapshot,
      control: async (control) => {
        sent.push(control);
        if (refuse) throw refuse;
        return null;
      },
      onProblem: (message) => problems.push(message),
    });
    return done.then(() => ({ sent, problems }));
  }

  it('sends the control to the engine and tells nothing when it is accepted', async () => {
    expect(await run('mute-unmute', withCalls(call('a', 'talking')))).toEqual({ sent: [{ callId: 'a', command: 'MUTE' }], problems: [] });
  });

  it('a refusal by the call’s machine is told with its sentence', async () => {
    const refusal = new InvalidStateError('call', 'dialing', 'HOLD');
    expect(await run('hold-resume', withCalls(call('a', 'dialing')), refusal)).toEqual({
      sent: [{ callId: 'a', command: 'HOLD' }],
      problems: ['“HOLD” is not possible while call is dialing.'],
    });
  });

  it.each([
    ['no engine', null],
    ['no call', withCalls()],
    ['only an ended call', withCalls(call('e', 'ended'))],
  ])('with %s, it says there is no call and sends nothing', async (_, snapshot) => {
    expect(await run('hang-up', snapshot)).toEqual({ sent: [], problems: ['There is no call to hold, mute or hang up right now.'] });
  });

  it('a snapshot that cannot be read is told, not swallowed', async () => {
    const problems: string[] = [];
    await runCallShortcut('hang-up', {
      snapshot: () => Promise.reject(new Error('gone')),
      control: async () => null,
      onProblem: (m) => problems.push(m),
    });
    expect(problems).toEqual(['Something went wrong inside Dialbar.']);
  });
});
