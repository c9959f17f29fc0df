/**
 * The hover card speaks Dialbar's language: with the language pref set to Simplified Chinese the
 * card a page's visitor sees says 呼叫 / 复制 and names the country in Chinese, a dial's refusal
 * (no account in this harness) is the Chinese cause sentence, and switching the pref to English
 * relabels the open card live. Real Chromium (browser language en-US), the built extension.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  cardText,
  FORMATS_EXPECTED,
  hasBuild,
  open,
  pointOf,
  resetHarness,
  setPrefs,
  startHarness,
  stopHarness,
  waitForCard,
  waitForHighlights,
} from './detection-support';

describe.skipIf(!hasBuild)('the hover card in Simplified Chinese', () => {
  beforeAll(startHarness);
  afterAll(stopHarness);
  beforeEach(resetHarness);

  test('language zh-CN: the card says 呼叫 / 复制, the country and the refusal in Chinese; English after a switch', async () => {
    await setPrefs({ language: 'zh-CN' });
    const page = await open('/formats.html');
    await waitForHighlights(page, FORMATS_EXPECTED.length);
    const { x, y } = await pointOf(page, '+44 20 7946 0958');
    await page.mouse.click(x, y);
    const text = await waitForCard(page, /\+44 20 7946 0958/, 15_000);
    expect(text).toContain('英国');
    expect(text).toContain('呼叫');
    expect(text).toContain('复制');
    expect(text).not.toMatch(/\bCall\b|\bCopy\b|United Kingdom/);

    // No account in this harness: Call (focused on open) gets a cause sentence in Chinese, from its code.
    await page.keyboard.press('Enter');
    const refused = await waitForCard(page, /尚未配置电话账号|尚未签入|电话引擎|正在呼叫/, 15_000);
    expect(refused).not.toMatch(/no phone account|not signed in|engine|Calling/);

    await setPrefs({ language: 'en' });
    const english = await waitForCard(page, /\bCall\b.*\bCopy\b/, 15_000);
    expect(english).toContain('United Kingdom');
    expect(await cardText(page)).not.toMatch(/呼叫|复制/);
  });
});
