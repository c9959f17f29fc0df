import { describe, expect, it } from 'vitest';
import type { EngineRecord } from '../../../src/contract/protocol';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';
import { type FakeCall, fakeDialog } from '../../fakes/fake-sip-stack';

/** An engine whose records (what the worker keeps in storage.session) are collected. */
function fixture() {
  const kept: EngineRecord[] = [];
  const f = engineFixture({ keep: (record) => kept.push(record) });
  return { ...f, kept, lastKept: () => kept.at(-1) as EngineRecord };
}

async function talkingCall(f: ReturnType<typeof fixture>): Promise<FakeCall> {
  f.engine.configure(ACCOUNT, true);
  f.stack.last.comeOnline();
  await f.engine.dial('2001', '2001');
  const call = f.stack.last.calls[0] as FakeCall;
  call.sipDialog = fakeDialog(1, 101);
  call.emit({ type: 'confirmed' });
  return call;
}

describe('the engine keeps what a replacement needs', () => {
  it('a record per change: signed in, then the confirmed call with its dialog, a newer CSeq after a re-INVITE, none once it ended', async () => {
    const f = fixture();
    const call = await talkingCall(f);
    expect(f.lastKept()).toMatchObject({ engineId: f.composer.id, signedIn: true });
    expect(f.lastKept().calls).toEqual([
      {
        dialog: fakeDialog(1, 101),
        call: expect.objectContaining({ direction: 'outgoing', remote: { uri: 'sip:2001@127.0.0.1', displayName: '', number: '2001' } }),
      },
    ]);
    const sent = f.kept.length;
    // Hold sends a re-INVITE: JsSIP's dialog has CSeq 102 now.
    call.sipDialog = fakeDialog(1, 102);
    await f.engine.command(f.last().calls[0]?.id as string, 'HOLD');
    expect(f.lastKept().calls[0]?.dialog.cseq).toBe(102);
    // Changes that leave the record as it was send nothing.
    const count = f.kept.length;
    call.emit({ type: 'held' });
    expect(f.kept.length).toBe(count);
    expect(count).toBeGreaterThan(sent);
    call.emit({ type: 'ended', originator: 'remote', failure: null });
    expect(f.lastKept().calls).toEqual([]);
    f.engine.signOut();
    expect(f.lastKept().signedIn).toBe(false);
  });

  it('a call whose stack has no dialog yet (ringing) is not kept', async () => {
    const f = fixture();
    f.engine.configure(ACCOUNT, true);
    f.stack.last.comeOnline();
    await f.engine.dial('2001', '2001');
    (f.stack.last.calls[0] as FakeCall).emit({ type: 'progress' });
    expect(f.lastKept().calls).toEqual([]);
  });
});

describe('calls of a lost engine', () => {
  const lost = { dialog: fakeDialog(7), call: { id: 'old-1', direction: 'incoming' as const, remote: { uri: 'sip:2001@lab', displayName: 'Customer', number: '2001' }, shown: '', createdAt: 10, answeredAt: 20 } };

  it('are shown as lost at once, and ended with a BYE only once the new user agent is registered, once', () => {
    const f = fixture();
    f.engine.configure(ACCOUNT, true);
    f.engine.recoverCalls([lost]);
    expect(f.last().calls).toEqual([
      expect.objectContaining({ id: 'old-1', state: 'ended', answeredAt: 20, end: { by: 'system', error: expect.objectContaining({ code: 'call-lost' }) } }),
    ]);
    expect(f.last().calls[0]?.allowed).toEqual([]);
    expect(f.stack.last.byes).toEqual([]);
    f.stack.last.comeOnline();
    expect(f.stack.last.byes).toEqual([fakeDialog(7)]);
    // A re-registration (refresh) and the same call handed over again send no second BYE.
    f.stack.last.emit({ type: 'registered' });
    f.engine.recoverCalls([lost]);
    expect(f.stack.last.byes).toHaveLength(1);
    expect(f.last().calls).toHaveLength(1);
  });
});

describe('back online', () => {
  it('reconnects at once while JsSIP waits out its reconnection backoff', () => {
    const f = fixture();
    f.engine.configure(ACCOUNT, true);
    f.stack.last.comeOnline();
    f.stack.last.emit({ type: 'disconnected' });
    expect(f.last().registration.state).toBe('reconnecting');
    f.engine.networkOnline();
    expect(f.stack.last.reconnects).toBe(1);
  });

  it('retries the registration now instead of at the end of the retry timer', () => {
    const f = fixture();
    f.engine.configure(ACCOUNT, true);
    f.stack.last.emit({ type: 'connected' });
    f.stack.last.emit({ type: 'registrationFailed', failure: { code: 'server-error', sipStatus: 503, originator: 'remote' } });
    f.stack.last.emit({ type: 'registrationFailed', failure: { code: 'server-error', sipStatus: 503, originator: 'remote' } });
    expect(f.last().registration).toMatchObject({ state: 'waitingToRetry' });
    expect(f.last().registration.nextRetryAt).not.toBeNull();
    const registers = f.stack.last.registers;
    f.engine.networkOnline();
    expect(f.stack.last.registers).toBe(registers + 1);
    expect(f.last().registration).toMatchObject({ state: 'registering', nextRetryAt: null });
    // The old timer does not register a second time.
    f.advance(120_000);
    expect(f.stack.last.registers).toBe(registers + 1);
  });

  it('does nothing while signed out', () => {
    const f = fixture();
    f.engine.configure(ACCOUNT, false);
    f.engine.networkOnline();
    expect(f.stack.agents).toHaveLength(0);
  });
});
