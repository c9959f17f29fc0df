/**
 * One Dialbar per page per world: the content script may be injected twice (manifest + the
 * service worker's injection into tabs open at install). The flag lives on the isolated world's
 * global, which page script cannot see or set.
 */
const FLAG = Symbol.for('dialbar.page-script');

interface Claim {
  alive(): boolean;
  /** Stops that copy (an orphaned one keeps its observers until told). */
  stop(): void;
}

/**
 * Claims `flag` in this world for a copy that `stop` stops; false if a live copy already holds it.
 * A dead copy (orphaned by an update) is stopped. `alive` tells whether this copy's extension
 * context is still valid. No AbortController: the page bootstrap runs in every frame, and each
 * DOM interface first touched in a fresh world costs it time.
 */
export function claimSlot(alive: () => boolean, stop: () => void, global: object, flag: symbol): boolean {
  const slot = global as Record<symbol, Claim | undefined>;
  const previous = slot[flag];
  if (previous?.alive()) return false;
  previous?.stop();
  let stopped = false;
  slot[flag] = {
    alive: () => !stopped && alive(),
    stop: () => {
      stopped = true;
      stop();
    },
  };
  return true;
}

/** Set in this world by the bootstrap when a page API client said `connect` here (boot.ts). */
const CONNECT_HEARD = Symbol.for('dialbar.connect-heard');

export function noteConnectHeard(global: object = globalThis): void {
  (global as Record<symbol, boolean>)[CONNECT_HEARD] = true;
}

/** Whether the bootstrap heard a page API client's `connect` in this world before the bridge listened. */
export function connectHeard(global: object = globalThis): boolean {
  return (global as Record<symbol, boolean | undefined>)[CONNECT_HEARD] === true;
}

/** Whether a live copy of the full page script already runs in this world (registered, or injected earlier). */
export function pageScriptRuns(global: object = globalThis): boolean {
  return (global as Record<symbol, Claim | undefined>)[FLAG]?.alive() === true;
}

/**
 * Returns the AbortController of this copy, or null if a live copy already runs in this world.
 * A dead copy (orphaned by an update) is stopped.
 * `alive` tells whether this copy's extension context is still valid (not orphaned by an update).
 */
export function claimWorld(alive: () => boolean, global: object = globalThis): AbortController | null {
  const controller = new AbortController();
  const claimed = claimSlot(() => !controller.signal.aborted && alive(), () => controller.abort(), global, FLAG);
  return claimed ? controller : null;
}

/**
 * Where the pointer was last seen in a previewed frame ({ x, y } in client pixels) while the page
 * script was on its way (boot.ts), and a click there, if any: its hover card looks there first,
 * and acts on the click (hover-card-feature.ts). `skip`: the click was in a link, a button or a
 * field, or a double click, which never call.
 */
export interface BootPointer {
  x: number;
  y: number;
  click?: { x: number; y: number; at: number; skip: boolean };
}
const BOOT_POINTER = Symbol.for('dialbar.boot-pointer');

export function notePointer(global: object, x: number, y: number, click?: BootPointer['click']): void {
  const slot = global as Record<symbol, BootPointer | undefined>;
  // A move after a click keeps the click (at its own place).
  const kept = click ?? slot[BOOT_POINTER]?.click;
  slot[BOOT_POINTER] = kept ? { x, y, click: kept } : { x, y };
}

/** The pointer the bootstrap noted, once (it is forgotten when read). */
export function takeBootPointer(global: object = globalThis): BootPointer | null {
  const slot = global as Record<symbol, BootPointer | undefined>;
  const at = slot[BOOT_POINTER];
  delete slot[BOOT_POINTER];
  return at ?? null;
}
