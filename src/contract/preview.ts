/**
 * A small frame's numbers, detected by the service worker for the page bootstrap
 * (`background.detectPreview`): the limits both sides check. No imports, so the bootstrap (a few
 * KB, in every frame) can read them without any schema code.
 */

/** Lines of text a bootstrap may send; a frame with more loads the full page script instead. */
export const PREVIEW_MAX_LINES = 48;
/** Characters in all lines together. */
export const PREVIEW_MAX_CHARS = 3000;
/** Numbers the worker answers with (more than a small frame holds). */
export const PREVIEW_MAX_SPANS = 96;
