import { computed, type ReadonlySignal, signal } from '@preact/signals';

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

const WORDS: Record<MicState, string> = {
  checking: 'Checking microphone access…',
  unknown: 'Microphone access not checked yet. Click “Allow microphone”.',
  prompt: 'Not allowed yet. Click “Allow microphone” and accept the browser’s question.',
  dismissed: 'The browser’s question was closed without an answer. Click “Allow microphone” again.',
  requesting: 'Waiting for your answer in the browser’s question…',
  granted: 'Microphone allowed. Dialbar can take calls.',
  denied: 'Microphone blocked. Allow it for Dialbar in the browser’s site settings (the icon left of the address bar), then reload this page.',
  missing: 'No microphone found. Connect one and try again.',
  failed: 'The microphone could not be opened. Another app may be using it.',
  unsupported: 'This browser does not let Dialbar ask for the microphone here.',
};

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
    words: computed(() => WORDS[state.value]),
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
