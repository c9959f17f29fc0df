/**
 * The browser-specific part of keeping the engine document alive. Chrome has offscreen
 * documents; a Firefox build will implement this with its own kind of hidden page.
 */
export interface OffscreenPlatform {
  hasDocument(): Promise<boolean>;
  createDocument(): Promise<void>;
  closeDocument(): Promise<void>;
}
