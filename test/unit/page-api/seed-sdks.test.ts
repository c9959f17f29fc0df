import { describe, expect, it } from 'vitest';
import { deferredWinCall, deferredWorkbench } from '../../../src/page-api/client/seed-sdks';
import type { DialbarClient } from '../../../src/page-api/client/types';
import type { WinCallResponse } from '../../../src/page-api/client/wincall-facade';
import { FakeDialbarClient, pageState } from '../../fakes/fake-dialbar-client';

function connecting() {
  let resolve!: (client: DialbarClient) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<DialbarClient>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('drop-in constructors while the client connects', () => {
  it('002: a call() made before the connection waits for it; the status is -1 until then', async () => {
    const link = connecting();
    const client = new FakeDialbarClient();
    client.state = pageState();
    const statuses: number[] = [];
    const workbench = deferredWorkbench(link.promise, { onStatusChange: (code) => statuses.push(code) });
    const placed = workbench.call('+14155550100');
    expect(workbench.getStatusCode()).toEqual({ code: -1, lastCode: -1 });
    expect(client.commands).toEqual([]);
    link.resolve(client);
    await expect(placed).resolves.toEqual({ callId: 'out-1' });
    expect(client.commands.map((c) => c.name)).toEqual(['dial']);
    expect(workbench.getStatusCode()).toEqual({ code: 3, lastCode: -1 });
    expect(statuses).toEqual([3]);
  });

  it('002: a refused connection reaches onErrorNotify with errorApi "connect"; methods reject with it', async () => {
    const link = connecting();
    const errors: unknown[] = [];
    const workbench = deferredWorkbench(link.promise, { onErrorNotify: (error) => errors.push(error) });
    const hangUp = workbench.hangUp();
    link.reject(Object.assign(new Error('This site may not use Dialbar.'), { code: 'page-not-allowed' }));
    await expect(hangUp).rejects.toThrow('This site may not use Dialbar.');
    expect(errors).toEqual([
      { errorApi: 'connect', errorCode: 'page-not-allowed', errorMsg: 'This site may not use Dialbar.', errorMsgTip: 'This site may not use Dialbar.', requestId: '' },
    ]);
  });

  it('001: init() before the connection starts listening once connected; a refused connection is connect_action 400', async () => {
    const link = connecting();
    const client = new FakeDialbarClient();
    client.state = pageState();
    const responses: WinCallResponse[] = [];
    const wincall = deferredWinCall(link.promise, { event_listener: (r) => responses.push(r) });
    const started = wincall.init();
    link.resolve(client);
    await started;
    expect(responses.map((r) => r.type)).toEqual(['status_event']);
    client.push(pageState({ agent: { state: 'notReady', allowed: ['READY'] } }));
    expect(responses.at(-1)?.agStatus).toBe('Not ready');

    const failing = connecting();
    const refused: WinCallResponse[] = [];
    deferredWinCall(failing.promise, { event_listener: (r) => refused.push(r) });
    failing.reject(Object.assign(new Error('Not allowed.'), { code: 'page-not-allowed' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(refused).toMatchObject([{ type: 'connect_action', code: 400, msg: 'Not allowed.', error: { code: 'page-not-allowed' } }]);
  });
});
