import { batch, type ReadonlySignal, signal } from '@preact/signals';
import { request } from '../messaging/client';
import type { LockedSetting } from '../settings/managed-policy';
import type { RuntimePort } from '../messaging/runtime-port';
import {
  type AccountForm,
  type AgentChoice,
  emptyForm,
  FIELD_KEYS,
  type FieldErrors,
  formFromView,
  type IceRow,
  iceFieldKey,
  type TextField,
  validateForm,
} from './account-form';
import { errorText, errorWords, t } from './i18n';
import { registrationWords } from './words';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string };

export type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'invalid'; message: string }
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string };

export interface AccountModel {
  form: ReadonlySignal<AccountForm>;
  errors: ReadonlySignal<FieldErrors>;
  /** A password is stored: an empty password field keeps it. */
  hasPassword: ReadonlySignal<boolean>;
  loading: ReadonlySignal<boolean>;
  loadError: ReadonlySignal<string | null>;
  /** Settings the administrator set through Chrome policy: shown disabled, refused by the service worker if sent changed. */
  locked: ReadonlySignal<ReadonlySet<LockedSetting>>;
  /** The SIP domain the administrator set, or null. */
  realm: ReadonlySignal<string | null>;
  save: ReadonlySignal<SaveState>;
  test: ReadonlySignal<TestState>;
  load(): Promise<void>;
  setText(field: TextField, value: string): void;
  setAutoSignIn(value: boolean): void;
  setInternationalPrefix(value: AccountForm['internationalPrefix']): void;
  setDtmfTransport(value: AccountForm['dtmfTransport']): void;
  setCallWaiting(value: boolean): void;
  setWaitingDeclineCode(value: AccountForm['waitingDeclineCode']): void;
  setAutoAnswerByHeader(value: boolean): void;
  setAgentChoice<K extends AgentChoice>(field: K, value: AccountForm[K]): void;
  setHistoryMaskNumbers(value: boolean): void;
  setBlockInternational(value: boolean): void;
  addIceServer(): void;
  removeIceServer(index: number): void;
  setIceServer(index: number, part: keyof IceRow, value: string): void;
  saveAccount(): Promise<void>;
  testConnection(): Promise<void>;
}

const invalid = () => t('account.invalid');

export function createAccountModel(runtime: RuntimePort): AccountModel {
  const form = signal<AccountForm>(emptyForm());
  const errors = signal<FieldErrors>({});
  const hasPassword = signal(false);
  const loading = signal(false);
  const loadError = signal<string | null>(null);
  const locked = signal<ReadonlySet<LockedSetting>>(new Set());
  const realm = signal<string | null>(null);
  const save = signal<SaveState>({ kind: 'idle' });
  const test = signal<TestState>({ kind: 'idle' });
  /** Typed into since the page opened: a late load must not overwrite it. */
  let edited = false;

  function update(next: AccountForm, clearKeys: string[]) {
    edited = true;
    batch(() => {
      form.value = next;
      if (clearKeys.some((key) => key in errors.peek())) {
        const rest = { ...errors.peek() };
        for (const key of clearKeys) delete rest[key];
        errors.value = rest;
      }
      if (save.peek().kind !== 'saving') save.value = { kind: 'idle' };
    });
  }

  /** Validates; on failure shows the field errors and returns null. */
  function checked() {
    const result = validateForm(form.peek());
    errors.value = result.ok ? {} : result.errors;
    return result.ok ? result.input : null;
  }

  /** After a successful save: the typed password is now stored, so the field empties. */
  function stored(passwordSent: boolean) {
    if (!passwordSent) return;
    batch(() => {
      hasPassword.value = true;
      form.value = { ...form.peek(), password: '' };
    });
  }

  return {
    form,
    errors,
    hasPassword,
    loading,
    loadError,
    locked,
    realm,
    save,
    test,
    async load() {
      loading.value = true;
      try {
        const [view, managed] = await Promise.all([
          request(runtime, 'background.getAccount', null),
          // Unreadable, the form still loads: the service worker refuses locked edits either way.
          request(runtime, 'background.getManaged', null).catch(() => null),
        ]);
        batch(() => {
          loadError.value = null;
          hasPassword.value = view?.hasPassword ?? false;
          locked.value = new Set(managed?.locked ?? []);
          realm.value = managed?.realm ?? null;
          // With a policy, the administrator's values fill the form even before an account is saved.
          const shown = managed && managed.locked.length > 0 ? { ...managed.account, hasPassword: hasPassword.peek() } : view;
          if (shown && !edited) form.value = formFromView(shown);
        });
      } catch (error) {
        loadError.value = t('account.loadError', { reason: errorText(error) });
      } finally {
        loading.value = false;
      }
    },
    setText(field, value) {
      update({ ...form.peek(), [field]: value }, [FIELD_KEYS[field]]);
    },
    setAutoSignIn(value) {
      update({ ...form.peek(), autoSignIn: value }, []);
    },
    setInternationalPrefix(value) {
      update({ ...form.peek(), internationalPrefix: value }, [FIELD_KEYS.internationalPrefix]);
    },
    setDtmfTransport(value) {
      update({ ...form.peek(), dtmfTransport: value }, [FIELD_KEYS.dtmfTransport]);
    },
    setCallWaiting(value) {
      update({ ...form.peek(), callWaiting: value }, []);
    },
    setWaitingDeclineCode(value) {
      update({ ...form.peek(), waitingDeclineCode: value }, []);
    },
    setAutoAnswerByHeader(value) {
      update({ ...form.peek(), autoAnswerByHeader: value }, []);
    },
    setAgentChoice(field, value) {
      update({ ...form.peek(), [field]: value }, [FIELD_KEYS.afterCallSeconds]);
    },
    setBlockInternational(value) {
      update({ ...form.peek(), blockInternational: value }, ['block-international']);
    },
    setHistoryMaskNumbers(value) {
      update({ ...form.peek(), historyMaskNumbers: value }, []);
    },
    addIceServer() {
      const rows = form.peek().iceServers;
      update({ ...form.peek(), iceServers: [...rows, { urls: '', username: '', credential: '' }] }, []);
    },
    removeIceServer(index) {
      const rows = form.peek().iceServers.filter((_, i) => i !== index);
      // Row keys shift after a removal: clear every ICE error, validation brings back real ones.
      const keys = Object.keys(errors.peek()).filter((key) => key.startsWith('ice-'));
      update({ ...form.peek(), iceServers: rows }, keys);
    },
    setIceServer(index, part, value) {
      const rows = form.peek().iceServers.map((row, i) => (i === index ? { ...row, [part]: value } : row));
      update({ ...form.peek(), iceServers: rows }, [iceFieldKey(index, part), FIELD_KEYS.iceServers]);
    },
    async saveAccount() {
      if (save.peek().kind === 'saving') return;
      const input = checked();
      if (input === null) {
        save.value = { kind: 'invalid', message: invalid() };
        return;
      }
      save.value = { kind: 'saving' };
      try {
        await request(runtime, 'background.saveAccount', input);
        batch(() => {
          stored(input.password !== undefined);
          save.value = { kind: 'saved' };
        });
      } catch (error) {
        save.value = { kind: 'error', message: errorText(error) };
      }
    },
    async testConnection() {
      if (test.peek().kind === 'testing') return;
      const input = checked();
      if (input === null) {
        test.value = { kind: 'invalid', message: invalid() };
        return;
      }
      test.value = { kind: 'testing' };
      try {
        const outcome = await request(runtime, 'background.testConnection', input);
        // The test saves the form first, so the typed password is stored either way.
        stored(input.password !== undefined);
        const who = input.displayName ? `${input.displayName} <${input.sipUri}>` : input.sipUri;
        test.value = outcome.ok
          ? { kind: 'ok', message: t('account.testOk', { who }) }
          : {
              kind: 'error',
              message: outcome.error ? errorWords(outcome.error) : t('account.testUnfinished', { state: registrationWords(outcome.state) }),
            };
      } catch (error) {
        test.value = { kind: 'error', message: errorText(error) };
      }
    },
  };
}
