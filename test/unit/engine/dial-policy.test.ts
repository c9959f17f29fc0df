import { describe, expect, it } from 'vitest';
import type { Account } from '../../../src/settings/account';
import { defaultDialPolicy } from '../../../src/settings/dial-policy';
import { ACCOUNT, engineFixture } from '../../fakes/engine-fixture';

/** The engine applies the dial policy to every dial, transfer and consult, whatever asked. */
const POLICED: Account = { ...ACCOUNT, dialPolicy: { ...defaultDialPolicy(), blockedPrefixes: ['+1 900'] } };

function online(account: Account) {
  const fx = engineFixture();
  fx.engine.configure(account, true);
  fx.stack.last.comeOnline();
  return fx;
}

describe('the engine applies the dial policy', () => {
  it.each(['+1 900 555 0100', '1-900-555-0100', '011 1 900 555 0100', 'sip:+19005550100@127.0.0.1'])(
    'refuses %s with the rule named, and nothing reaches the stack',
    async (number) => {
      const fx = online(POLICED);
      await expect(fx.engine.dial(number, number)).rejects.toMatchObject({ code: 'dial-policy-blocked-prefix', message: expect.stringContaining('+1 900') });
      expect(fx.stack.last.calls).toHaveLength(0);
      expect(fx.last().calls).toHaveLength(0);
    },
  );

  it('dials what the policy allows', async () => {
    const fx = online(POLICED);
    await fx.engine.dial('+1 415 555 0132', '');
    expect(fx.stack.last.calls).toHaveLength(1);
  });

  it('refuses before the line policy or the registration is asked (the rule, not "not signed in")', async () => {
    const fx = engineFixture();
    fx.engine.configure(POLICED, false);
    await expect(fx.engine.dial('+19005550100', '')).rejects.toMatchObject({ code: 'dial-policy-blocked-prefix' });
  });

  it('refuses a blind transfer and a consult to a blocked number; the call stays as it was', async () => {
    const fx = online(POLICED);
    const a = await fx.engine.dial('2001', '');
    const aSip = fx.stack.last.calls[0]!;
    aSip.emit({ type: 'accepted' });
    aSip.emit({ type: 'confirmed' });
    await expect(fx.engine.command(a.id, 'TRANSFER', '+1 900 555 0100')).rejects.toMatchObject({ code: 'dial-policy-blocked-prefix' });
    expect(aSip.refers).toEqual([]);
    await expect(fx.engine.command(a.id, 'CONSULT', '011 1 900 555 0100')).rejects.toMatchObject({ code: 'dial-policy-blocked-prefix' });
    expect(fx.stack.last.calls).toHaveLength(1);
    expect(fx.last().calls.find((c) => c.id === a.id)).toMatchObject({ state: 'talking' });
  });

  it('an account saved before the policy existed refuses nothing', async () => {
    const { dialPolicy: _gone, ...old } = POLICED;
    const fx = online({ ...old, dialPolicy: defaultDialPolicy() });
    await fx.engine.dial('+19005550100', '');
    expect(fx.stack.last.calls).toHaveLength(1);
  });
});
