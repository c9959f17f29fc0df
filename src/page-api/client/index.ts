/**
 * dialbar-client.js, the page API's client as a CRM imports it:
 *   import { connect } from 'chrome-extension://<id>/dialbar-client.js';
 * Built from this folder into public/dialbar-client.js (+ .d.ts) by `npm run build:client`.
 */
export { CLIENT_WORDS, type ConnectOptions, connect, DialbarPageError } from './connect';
export { deriveEvents, type PageEvent } from './derive-events';
export * from './types';
