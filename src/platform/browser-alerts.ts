import type { AlertsPlatform } from './ports';

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  requireInteraction?: boolean;
  buttons?: Array<{ title: string }>;
}

/** The slice of the action and notifications APIs the alerts use (Chrome and Firefox alike). */
export interface AlertsApi {
  action: {
    setBadgeText(details: { text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { color: string }): Promise<void>;
    setTitle(details: { title: string }): Promise<void>;
  };
  notifications: {
    getAll(): Promise<Record<string, unknown>>;
    create(id: string, options: NotificationOptions): Promise<string>;
    clear(id: string): Promise<boolean>;
  };
  runtime: { getURL(path: string): string };
}

export function createAlertsPlatform(api: AlertsApi): AlertsPlatform {
  return {
    async setBadge({ text, color, title }) {
      await api.action.setBadgeText({ text });
      await api.action.setBadgeBackgroundColor({ color });
      await api.action.setTitle({ title });
    },
    shownNotifications: async () => Object.keys(await api.notifications.getAll()),
    async showIncoming(id, caller, words) {
      await api.notifications.create(id, {
        type: 'basic',
        iconUrl: api.runtime.getURL('/icon/128.png'),
        title: words.title,
        message: caller,
        requireInteraction: true,
        buttons: [{ title: words.answer }, { title: words.decline }],
      });
    },
    async showProblem(message, title) {
      await api.notifications.create(`problem:${Date.now()}`, {
        type: 'basic',
        iconUrl: api.runtime.getURL('/icon/128.png'),
        title,
        message,
      });
    },
    async clear(id) {
      await api.notifications.clear(id);
    },
  };
}
