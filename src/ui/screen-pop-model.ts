import { type ReadonlySignal, signal } from '@preact/signals';
import * as v from 'valibot';
import { DEFAULT_SCREEN_POP, parseScreenPop, SCREEN_POP_KEY, type ScreenPop, ScreenPopSchema } from '../settings/screen-pop';
import type { PrefsStorage } from './prefs-model';
import { t } from './i18n';

export interface ScreenPopModel {
  saved: ReadonlySignal<ScreenPop>;
  draft: ReadonlySignal<string>;
  when: ReadonlySignal<ScreenPop['when']>;
  /** Why the draft was not saved, or null. */
  error: ReadonlySignal<string | null>;
  status: ReadonlySignal<'idle' | 'saved'>;
  load(): Promise<void>;
  setDraft(text: string): void;
  setWhen(when: ScreenPop['when']): void;
  /** Saves template and moment; a template that is not https:// is refused with words and kept in the field. */
  save(): Promise<void>;
}

export function createScreenPopModel(storage: PrefsStorage): ScreenPopModel {
  const saved = signal<ScreenPop>({ ...DEFAULT_SCREEN_POP });
  const draft = signal('');
  const when = signal<ScreenPop['when']>('ringing');
  const error = signal<string | null>(null);
  const status = signal<'idle' | 'saved'>('idle');
  return {
    saved,
    draft,
    when,
    error,
    status,
    async load() {
      saved.value = parseScreenPop((await storage.get(SCREEN_POP_KEY))[SCREEN_POP_KEY]);
      draft.value = saved.value.template;
      when.value = saved.value.when;
    },
    setDraft(text) {
      draft.value = text;
      status.value = 'idle';
    },
    setWhen(value) {
      when.value = value;
      status.value = 'idle';
    },
    async save() {
      const result = v.safeParse(ScreenPopSchema, { template: draft.value, when: when.value });
      if (!result.success) {
        error.value = t('screenPop.invalid');
        return;
      }
      try {
        await storage.set({ [SCREEN_POP_KEY]: result.output });
        saved.value = result.output;
        error.value = null;
        status.value = 'saved';
      } catch (e) {
        error.value = t('screenPop.saveError', { reason: (e as Error).message });
      }
    },
  };
}
