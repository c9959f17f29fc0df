import type { Catalogs, Translation } from '../translate';

/** What the service worker says: notifications, the toolbar button's title, the context menu. */
const en = {
  'worker.incomingTitle': 'Incoming call',
  'worker.answer': 'Answer',
  'worker.decline': 'Decline',
  'worker.problemTitle': 'Dialbar',
  'worker.lostCalls': 'The call with {who} was lost when Dialbar’s phone restarted. Call back if you need to.',
  'worker.and': ' and ',
  'worker.badge.incoming': 'Dialbar: incoming call from {name}',
  'worker.badge.held': 'Dialbar: {name} is on hold',
  'worker.badge.inCall': 'Dialbar: in a call with {name}',
  'worker.badge.problem': 'Dialbar: {problem}',
  'worker.badge.notSignedIn': 'not signed in',
  'worker.badge.reconnecting': 'reconnecting',
  'worker.badge.ready': 'Dialbar: ready',
  'worker.badge.signedOut': 'Dialbar: signed out',
  'worker.menuCall': 'Call “%s”',
  'worker.notANumber': 'The selected text is not a phone number.',
  'worker.selectFirst': 'Select a phone number on a page first.',
  'worker.cannotRead': 'Dialbar cannot read the selection on this page.',
} as const;

const zh: Translation<typeof en> = {
  'worker.incomingTitle': '来电',
  'worker.answer': '接听',
  'worker.decline': '拒接',
  'worker.problemTitle': 'Dialbar',
  'worker.lostCalls': '与 {who} 的通话在 Dialbar 话机重启时中断。如有需要请回拨。',
  'worker.and': '和',
  'worker.badge.incoming': 'Dialbar：{name} 来电',
  'worker.badge.held': 'Dialbar：与 {name} 的通话已保持',
  'worker.badge.inCall': 'Dialbar：正在与 {name} 通话',
  'worker.badge.problem': 'Dialbar：{problem}',
  'worker.badge.notSignedIn': '未签入',
  'worker.badge.reconnecting': '正在重新连接',
  'worker.badge.ready': 'Dialbar：就绪',
  'worker.badge.signedOut': 'Dialbar：已签出',
  'worker.menuCall': '拨打“%s”',
  'worker.notANumber': '选中的文字不是电话号码。',
  'worker.selectFirst': '请先在网页上选中一个电话号码。',
  'worker.cannotRead': 'Dialbar 无法读取此页面上的选中内容。',
};

export const workerMessages: Catalogs<typeof en> = { en, 'zh-CN': zh };
