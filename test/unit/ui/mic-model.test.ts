import { describe, expect, it, vi } from 'vitest';
import { createMicModel, type MicDeps } from '../../../src/ui/mic-model';

type PermissionState = 'granted' | 'denied' | 'prompt';

function permissions(initial: PermissionState) {
  const listeners = new Set<() => void>();
  const status = {
    state: initial,
    addEventListener: (_: 'change', l: () => void) => listeners.add(l),
    removeEventListener: (_: 'change', l: () => void) => listeners.delete(l),
  };
  return {
    api: { query: vi.fn(async () => status) } satisfies NonNullable<MicDeps['permissions']>,
    change(next: PermissionState) {
      status.state = next;
      for (const l of listeners) l();
    },
    listeners,
  };
}

function media(result: 'ok' | string) {
  const stop = vi.fn();
  const api = {
    getUserMedia: vi.fn(async () => {
      if (result !== 'ok') throw new DOMException('no', result);
      return { getTracks: () => [{ stop }, { stop }] };
    }),
  };
  return { api, stop };
}

describe('microphone model', () => {
  it('shows the current permission on load and follows its changes', async () => {
    const perms = permissions('prompt');
    const model = createMicModel({ permissions: perms.api, mediaDevices: media('ok').api });
    await model.check();
    expect(model.state.value).toBe('prompt');
    expect(model.words.value).toContain('Not allowed yet');
    perms.change('granted');
    expect(model.state.value).toBe('granted');
    model.dispose();
    expect(perms.listeners.size).toBe(0);
  });

  it('asks for audio, stops every track at once and reports granted', async () => {
    const mic = media('ok');
    const model = createMicModel({ permissions: permissions('prompt').api, mediaDevices: mic.api });
    const asking = model.request();
    expect(model.state.value).toBe('requesting');
    expect(model.canRequest.value).toBe(false);
    await asking;
    expect(mic.api.getUserMedia).toHaveBeenCalledWith({ audio: true });
    expect(mic.stop).toHaveBeenCalledTimes(2);
    expect(model.state.value).toBe('granted');
    expect(model.words.value).toContain('allowed');
  });

  it('tells denied from a dismissed prompt', async () => {
    const denied = createMicModel({ permissions: permissions('denied').api, mediaDevices: media('NotAllowedError').api });
    await denied.request();
    expect(denied.state.value).toBe('denied');
    expect(denied.words.value).toContain('blocked');

    const dismissed = createMicModel({ permissions: permissions('prompt').api, mediaDevices: media('NotAllowedError').api });
    await dismissed.request();
    expect(dismissed.state.value).toBe('dismissed');
  });

  it('reports no microphone and a busy one in words', async () => {
    const missing = createMicModel({ mediaDevices: media('NotFoundError').api });
    await missing.request();
    expect(missing.state.value).toBe('missing');
    expect(missing.words.value).toContain('No microphone');

    const busy = createMicModel({ mediaDevices: media('NotReadableError').api });
    await busy.request();
    expect(busy.state.value).toBe('failed');
  });

  it('copes without the permissions or media APIs', async () => {
    const noPerms = createMicModel({ mediaDevices: media('ok').api });
    await noPerms.check();
    expect(noPerms.state.value).toBe('unknown');
    const nothing = createMicModel({});
    await nothing.check();
    expect(nothing.state.value).toBe('unsupported');
    await nothing.request();
    expect(nothing.state.value).toBe('unsupported');
  });
});
