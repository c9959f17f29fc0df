import type { Catalogs, Translation } from '../translate';

/** The manifest's name, description and keyboard commands (`__MSG_manifest_…__` in wxt.config.ts). */
const en = {
  'manifest.name': 'Dialbar',
  'manifest.description': 'One softphone for the whole browser: click any phone number to call it.',
  'manifest.callSelection': 'Call the selected phone number',
  'manifest.holdResume': 'Hold or resume the current call',
  'manifest.muteUnmute': 'Mute or unmute the microphone in the current call',
  'manifest.hangUp': 'Hang up the current call (or decline a ringing one)',
} as const;

const zh: Translation<typeof en> = {
  'manifest.name': 'Dialbar',
  'manifest.description': '整个浏览器共用一部软电话：点击任意电话号码即可拨打。',
  'manifest.callSelection': '拨打选中的电话号码',
  'manifest.holdResume': '保持或取回当前通话',
  'manifest.muteUnmute': '当前通话静音或取消静音',
  'manifest.hangUp': '挂断当前通话（或拒接振铃中的来电）',
};

export const manifestMessages: Catalogs<typeof en> = { en, 'zh-CN': zh };
