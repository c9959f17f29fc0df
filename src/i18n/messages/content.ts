import type { Catalogs, Translation } from '../translate';

/** What a page's visitor reads from the content script: the hover card and the dial notice. */
const en = {
  'content.cardLabel': 'Phone number',
  'content.call': 'Call',
  'content.copy': 'Copy',
  'content.calling': 'Calling {number}…',
  'content.callStarted': 'Calling… see Dialbar’s toolbar button.',
  'content.alreadyCalling': 'Already calling this number.',
  'content.copied': 'Copied.',
  'content.copyFailed': 'Could not copy. Select the number and copy it yourself.',
} as const;

const zh: Translation<typeof en> = {
  'content.cardLabel': '电话号码',
  'content.call': '呼叫',
  'content.copy': '复制',
  'content.calling': '正在呼叫 {number}…',
  'content.callStarted': '正在呼叫…请查看 Dialbar 的工具栏按钮。',
  'content.alreadyCalling': '已在呼叫此号码。',
  'content.copied': '已复制。',
  'content.copyFailed': '无法复制。请选中号码后自行复制。',
};

export const contentMessages: Catalogs<typeof en> = { en, 'zh-CN': zh };
