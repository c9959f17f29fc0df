import type { OffscreenPlatform } from './ports';

const PATH = 'offscreen.html';

/**
 * Chrome's offscreen document, the only place Dialbar calls chrome.* directly.
 * Reasons: USER_MEDIA (microphone) and WEB_RTC (the call). Not AUDIO_PLAYBACK, which Chrome
 * closes after 30 s of silence.
 */
export function createChromeOffscreenPlatform(api: typeof chrome): OffscreenPlatform {
  const url = api.runtime.getURL(PATH);
  return {
    async hasDocument() {
      const contexts = await api.runtime.getContexts({
        contextTypes: [api.runtime.ContextType.OFFSCREEN_DOCUMENT],
        documentUrls: [url],
      });
      return contexts.length > 0;
    },
    async createDocument() {
      try {
        await api.offscreen.createDocument({
          url: PATH,
          reasons: [api.offscreen.Reason.USER_MEDIA, api.offscreen.Reason.WEB_RTC],
          justification: 'Holds the softphone: the SIP connection, the microphone and the call audio.',
        });
      } catch (error) {
        // Another caller created it between our check and this call: that is the outcome we want.
        if (!String((error as Error)?.message).includes('Only a single offscreen')) throw error;
      }
    },
    async closeDocument() {
      if (await this.hasDocument()) await api.offscreen.closeDocument();
    },
  };
}
