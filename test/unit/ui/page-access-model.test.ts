import { describe, expect, it } from 'vitest';
import { PAGE_ACCESS_KEY, type PageAccess } from '../../../src/settings/page-access';
import { createPageAccessModel } from '../../../src/ui/page-access-model';

function memoryStorage(initial: PageAccess) {
  const items: Record<string, unknown> = { [PAGE_ACCESS_KEY]: initial };
  return {
    items,
    storage: {
      get: async (key: string) => ({ [key]: items[key] }),
      set: async (next: Record<string, unknown>) => {
        Object.assign(items, next);
      },
    },
  };
}

const stored = (items: Record<string, unknown>) => (items[PAGE_ACCESS_KEY] as PageAccess).origins;
const personal = { origins: [{ pattern: 'https://mine.example', silentDial: true, shims: false, consent: true }] };

describe('page access model', () => {
  it('without a policy shows the person’s list and lets them add and remove', async () => {
    const { items, storage } = memoryStorage(personal);
    const model = createPageAccessModel(storage, async () => null);
    await model.load();
    expect(model.managed.value).toBe(false);
    expect(model.access.value.origins.map((r) => r.pattern)).toEqual(['https://mine.example']);
    model.setDraft('https://crm.example');
    await model.add();
    await model.remove('https://mine.example');
    expect(stored(items).map((r) => r.pattern)).toEqual(['https://crm.example']);
    expect(model.error.value).toBeNull();
  });

  it('with the administrator’s allowed origins shows exactly those, locked: adding and removing are refused in words and nothing is stored', async () => {
    const { items, storage } = memoryStorage(personal);
    const model = createPageAccessModel(storage, async () => ['https://*.corp-crm.example', 'https://mine.example']);
    await model.load();
    expect(model.managed.value).toBe(true);
    expect(model.access.value.origins).toEqual([
      { pattern: 'https://*.corp-crm.example', silentDial: false, shims: false, consent: true },
      // A pattern the person had keeps their flags.
      { pattern: 'https://mine.example', silentDial: true, shims: false, consent: true },
    ]);
    model.setDraft('https://other.example');
    await model.add();
    expect(model.error.value).toContain('administrator');
    await model.remove('https://mine.example');
    expect(stored(items)).toEqual(personal.origins);
    expect(model.access.value.origins).toHaveLength(2);
  });

  it('a managed pattern’s flags can still be changed, and the change is kept and shown', async () => {
    const { items, storage } = memoryStorage({ origins: [] });
    const model = createPageAccessModel(storage, async () => ['https://*.corp-crm.example']);
    await model.load();
    await model.update('https://*.corp-crm.example', { shims: true });
    expect(stored(items)).toEqual([{ pattern: 'https://*.corp-crm.example', silentDial: false, shims: true, consent: true }]);
    expect(model.access.value.origins[0]).toMatchObject({ shims: true });
  });

  it('an unreadable policy leaves the person’s list shown and editable', async () => {
    const { storage } = memoryStorage(personal);
    const model = createPageAccessModel(storage, async () => {
      throw new Error('no service worker');
    });
    await model.load();
    expect(model.managed.value).toBe(false);
    expect(model.access.value).toEqual(personal);
  });
});
