import * as v from 'valibot';
import { pageView } from '../contract/page-view';
import { contentView, type Snapshot } from '../contract/snapshot';
import { broadcastMessage } from '../messaging/broadcast';
import type { FramePushApi, FrameTarget } from '../platform';

const FrameTargetSchema = v.object({
  tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
  frameId: v.pipe(v.number(), v.integer(), v.minValue(0)),
  documentId: v.nullable(v.pipe(v.string(), v.maxLength(128))),
  /** The frame's origin as the browser attested it when it subscribed (the page view is per origin). */
  origin: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(2048))), null),
});
/** A subscribed frame. */
export type Subscriber = FrameTarget & { origin?: string | null };

export interface ContentPushDeps extends Pick<FramePushApi, 'area' | 'sendToFrame'> {
  /** A bound, so a page of many frames cannot grow the list without end. */
  maxSubscribers?: number;
  /**
   * Whether a frame of `origin` gets the page API's view (an allowed origin with consent). Asked
   * once per relay with the origins present; absent: no frame does.
   */
  pageOrigins?: (origins: string[]) => Promise<Set<string>>;
}

const PREFIX = 'push:';
// The document is part of the key: the next page loaded in a frame subscribes afresh, and the
// failed push to the old one removes only the old key.
const keyOf = (t: FrameTarget) => `${PREFIX}${t.tabId}:${t.frameId}:${t.documentId ?? ''}`;

/**
 * The push channel to content scripts. The service worker keeps no subscriber in memory: each
 * is one key in session storage (one key each, so concurrent subscribes never overwrite each
 * other), read back on every snapshot, so a restarted worker pushes to the same frames.
 */
export function createContentPush(deps: ContentPushDeps) {
  const max = deps.maxSubscribers ?? 1000;

  async function subscribers(): Promise<Subscriber[]> {
    const stored = await deps.area.get(null);
    const targets: Subscriber[] = [];
    const broken: string[] = [];
    for (const [key, value] of Object.entries(stored)) {
      if (!key.startsWith(PREFIX)) continue;
      const parsed = v.safeParse(FrameTargetSchema, value);
      if (parsed.success) targets.push(parsed.output);
      else broken.push(key);
    }
    if (broken.length > 0) await deps.area.remove(broken);
    return targets;
  }

  return {
    /** Remembers the frame; returns false when the list is full (the frame still gets its answer, no pushes). */
    async subscribe(target: Subscriber): Promise<boolean> {
      const key = keyOf(target);
      const current = await subscribers();
      if (!current.some((t) => keyOf(t) === key) && current.length >= max) return false;
      await deps.area.set({ [key]: { ...target, origin: target.origin ?? null } });
      return true;
    },

    /** Sends each subscribed frame its view of the snapshot; frames that are gone are forgotten. */
    async relay(snapshot: Snapshot): Promise<void> {
      const targets = await subscribers();
      const origins = [...new Set(targets.map((t) => t.origin).filter((o): o is string => typeof o === 'string'))];
      const paged = origins.length > 0 && deps.pageOrigins ? await deps.pageOrigins(origins) : new Set<string>();
      const views = new Map([...paged].map((origin) => [origin, pageView(snapshot, origin)]));
      const gone: string[] = [];
      await Promise.all(
        targets.map((target) => {
          const page = target.origin ? views.get(target.origin) : undefined;
          const view = page ? { ...contentView(snapshot, target.tabId), page } : contentView(snapshot, target.tabId);
          const frame: FrameTarget = { tabId: target.tabId, frameId: target.frameId, documentId: target.documentId };
          return deps.sendToFrame(frame, broadcastMessage('background.contentSnapshot', view)).catch(() => gone.push(keyOf(target)));
        }),
      );
      if (gone.length > 0) await deps.area.remove(gone);
    },

    /** A closed tab's frames are forgotten at once, not at the next failed push. */
    async forgetTab(tabId: number): Promise<void> {
      const keys = (await subscribers()).filter((t) => t.tabId === tabId).map(keyOf);
      if (keys.length > 0) await deps.area.remove(keys);
    },
  };
}

export type ContentPush = ReturnType<typeof createContentPush>;
