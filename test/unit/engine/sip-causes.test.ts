import { describe, expect, it } from 'vitest';
import { failureFrom } from '../../../src/engine/sip-causes';

describe('failureFrom', () => {
  it('takes the SIP status of a final response when there is one', () => {
    expect(failureFrom('Busy', { status_code: 486 }, 'remote')).toEqual({ code: 'busy', sipStatus: 486, originator: 'remote' });
    expect(failureFrom('Rejected', { status_code: 603 }, 'remote')).toEqual({ code: 'declined', sipStatus: 603, originator: 'remote' });
  });

  it('maps causes without a status onto the cause table', () => {
    expect(failureFrom('User Denied Media Access', null, 'local')).toEqual({ code: 'mic-denied', originator: 'local' });
    expect(failureFrom('Connection Error', undefined, 'system')).toEqual({ code: 'server-unreachable', originator: 'system' });
    expect(failureFrom('RTP Timeout', {}, 'local')).toEqual({ code: 'connection-lost', originator: 'local' });
  });

  it('a cancel is a cancel even when a 487 came back; unknown causes and originators are named safely', () => {
    expect(failureFrom('Canceled', { status_code: 487 }, 'local')).toEqual({ code: 'cancelled', originator: 'local' });
    expect(failureFrom('Something New', { status_code: 'x' }, 'elsewhere')).toEqual({ code: 'rejected', originator: 'system' });
  });
});
