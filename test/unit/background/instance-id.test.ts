import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createInstanceId, type KeyValueArea } from '../../../src/settings/instance-id';

describe('SIP instance id', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is created once per profile and kept across service worker restarts', async () => {
    const area = fakeBrowser.storage.local as unknown as KeyValueArea;
    let n = 0;
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    const first = createInstanceId(area, () => ids[n++]!);
    const [a, b] = await Promise.all([first(), first()]);
    expect(a).toBe(ids[0]);
    expect(b).toBe(ids[0]);
    const afterRestart = createInstanceId(area, () => ids[n++]!);
    expect(await afterRestart()).toBe(ids[0]);
    expect(n).toBe(1);
  });

  it('replaces a damaged stored value', async () => {
    await fakeBrowser.storage.local.set({ sipInstanceId: 'not-a-uuid' });
    const id = createInstanceId(fakeBrowser.storage.local as unknown as KeyValueArea, () => '33333333-3333-4333-8333-333333333333');
    expect(await id()).toBe('33333333-3333-4333-8333-333333333333');
  });
});
