import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { t } from './i18n';

export type MicState =
  | 'checking'
  | 'unknown'
  | 'prompt'
  | 'dismissed'
  | 'requesting'
  | 'granted'
  | 'denied'
  | 'missing'
  | 'failed'
  | 'unsupported';

/** The parts of `navigator.mediaDevices` and `navigator.permissions` used; tests pass fakes. */
export interface MicDeps {
  mediaDevices?: { getUserMedia(constraints: { audio: true }): Promise<{ getTracks(): Array<{ stop(): void }> }> };
  permissions?: {
    query(descriptor: { name: 'microphone' }): Promise<{
      state: 'granted' | 'denied' | 'prompt';
      addEventListener?(type: 'change', listener: () => void): void;
      removeEventListener?(type: 'change', listener: () => void): void;
    }>;
  };
}

export interface MicModel {
  state: ReadonlySignal<MicState>;
  words: ReadonlySignal<string>;
  /** Asking is pointless while checking or asking already. */
  canRequest: ReadonlySignal<boolean>;
  check(): Promise<void>;
  request(): Promise<void>;
  dispose(): void;
}


export function createMicModel(deps: MicDeps): MicModel {
  const state = signal<MicState>('unknown');
  let status: Awaited<ReturnType<NonNullable<MicDeps['permissions']>['query']>> | null = null;
  const onChange = () => {
    if (status !== null && state.peek() !== 'requesting') state.value = status.state;
  };

  async function permissionState(): Promise<'granted' | 'denied' | 'prompt' | null> {
    if (!deps.permissions) return null;
    try {
      if (status === null) {
        status = await deps.permissions.query({ name: 'microphone' });
        status.addEventListener?.('change', onChange);
      }
      return status.state;
    } catch {
      return null;
    }
  }

  return {
    state,
    words: computed(() => t(`mic.${state.value}`)),
    canRequest: computed(() => state.value !== 'checking' && state.value !== 'requesting'),
    async check() {
      state.value = 'checking';
      state.value = (await permissionState()) ?? (deps.mediaDevices ? 'unknown' : 'unsupported');
    },
    async request() {
      if (!deps.mediaDevices) {
        state.value = 'unsupported';
        return;
      }
      state.value = 'requesting';
      try {
        const stream = await deps.mediaDevices.getUserMedia({ audio: true });
        for (const track of stream.getTracks()) track.stop();
        state.value = 'granted';
      } catch (error) {
        const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
        if (name === 'NotFoundError' || name === 'OverconstrainedError') state.value = 'missing';
        else if (name === 'NotAllowedError' || name === 'SecurityError') {
          state.value = (await permissionState()) === 'prompt' ? 'dismissed' : 'denied';
        } else state.value = 'failed';
      }
    },
    dispose() {
      status?.removeEventListener?.('change', onChange);
    },
  };
}
