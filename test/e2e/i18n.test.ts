/**
 * Dialbar in Simplified Chinese, end to end: Chromium started with --lang=zh-CN (UI language,
 * navigator.language and Accept-Language) shows the popup and the options page in Chinese, picks
 * Chrome's own _locales/zh_CN for the manifest, says a cause sentence (a wrong password) in Chinese,
 * and the options' language setting switches both pages to English and back while they are open.
 * Screenshots of the Chinese popup and options go to test/lab/screenshots/ for the README.
 * Real Kamailio, real Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../lab/lab';
import { labAccount, openExtensionPage, screenshotIfFailed, send } from './support/dialbar';

const EXTENSION = process.env.DIALBAR_EXTENSION ?? '.output/chrome-mv3';
const HAN = /[\u4e00-\u9fff]/;
let lab: Lab;
let popup: Page;
let options: Page;

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

beforeAll(async () => {
  lab = await startLab({ extensionPath: EXTENSION, customer: false, browser: { locale: 'zh-CN', args: ['--lang=zh-CN'] } });
  lab.browser.context.setDefaultTimeout(20_000);
  options = await openExtensionPage(lab.browser.context, 'options.html');
  popup = await openExtensionPage(lab.browser.context, 'popup.html');
  await popup.setViewportSize({ width: 360, height: 640 });
});

afterEach(async (ctx) => {
  await screenshotIfFailed(ctx, popup, 'i18n-popup');
  await screenshotIfFailed(ctx, options, 'i18n-options');
});

afterAll(async () => {
  await lab?.stop();
});

describe('Dialbar in Chinese (browser language zh-CN)', () => {
  it('Chrome picks _locales/zh_CN: the manifest description and commands are Chinese', async () => {
    const words = await options.evaluate(() => ({
      ui: chrome.i18n.getUILanguage(),
      description: chrome.i18n.getMessage('manifest_description'),
      hangUp: chrome.i18n.getMessage('manifest_hangUp'),
    }));
    expect(words.ui).toMatch(/^zh/);
    expect(words.description).toBe('整个浏览器共用一部软电话：点击任意电话号码即可拨打。');
    expect(words.hangUp).toBe('挂断当前通话（或拒接振铃中的来电）');
  });

  it('the options page is Chinese', async () => {
    await expect.poll(() => options.locator('h1').textContent()).toBe('Dialbar 设置');
    expect(await options.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await options.title()).toBe('Dialbar 设置');
    expect(await options.locator('#account-title').textContent()).toBe('电话账号');
    expect(await text(options, 'test-button')).toBe('测试连接');
    expect(await options.locator('label[for="language"]').textContent()).toBe('Dialbar 的语言');
    await options.screenshot({ path: 'test/lab/screenshots/options-zh.png', fullPage: false });
  });

  it('a wrong password is told in Chinese in the popup', async () => {
    const reply = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl, { password: 'wrong-password' }));
    expect(reply.ok).toBe(true);
    await expect.poll(() => popup.getByTestId('registration-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('failed');
    expect(await text(popup, 'registration-state')).toContain('签入失败');
    expect(await text(popup, 'registration-error')).toBe('服务器拒绝了用户名或密码。请在 Dialbar 的设置中检查。');
  });

  it('signed in, the popup is Chinese: agent state, buttons, dial field', async () => {
    const reply = await send(options, 'background.testConnection', labAccount(lab.kamailio.wsUrl));
    expect(reply).toMatchObject({ ok: true, value: { ok: true } });
    await expect.poll(() => popup.getByTestId('agent-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('notReady');
    expect(await text(popup, 'agent-state')).toBe('示忙：已签入');
    expect(await text(popup, 'registration-state')).toContain('已注册');
    expect(await text(popup, 'agent-ready-button')).toBe('示闲');
    expect(await text(popup, 'signout-button')).toBe('签出');
    expect(await text(popup, 'dial-button')).toBe('呼叫');
    expect(await text(popup, 'tab-history')).toBe('通话记录');
    expect(await popup.locator('label[for="dial-input"]').textContent()).toBe('号码或 SIP 地址');
    const shown = await popup.locator('main').textContent();
    expect(shown).toMatch(HAN);
    await popup.screenshot({ path: 'test/lab/screenshots/popup-zh.png' });
  });

  it('the options override to English switches both open pages, and back to Chinese', async () => {
    await options.getByTestId('language').selectOption('en');
    await expect.poll(() => options.locator('h1').textContent()).toBe('Dialbar options');
    expect(await options.locator('html').getAttribute('lang')).toBe('en');
    await expect.poll(() => text(popup, 'agent-state')).toBe('Not ready: Signed in');
    expect(await text(popup, 'signout-button')).toBe('Sign out');
    // A page opened now starts in English too: the setting, not the browser, decides.
    const fresh = await openExtensionPage(lab.browser.context, 'popup.html');
    await expect.poll(() => text(fresh, 'agent-ready-button')).toBe('Ready');
    await fresh.close();

    await options.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => options.locator('h1').textContent()).toBe('Dialbar 设置');
    await expect.poll(() => text(popup, 'agent-state')).toBe('示忙：已签入');
    // "As the browser" is Chinese here, because the browser is.
    await options.getByTestId('language').selectOption('auto');
    await expect.poll(() => text(popup, 'agent-ready-button')).toBe('示闲');
  });
});
