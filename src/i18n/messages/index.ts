import { mergeCatalogs } from '../translate';
import { accountMessages } from './account';
import { causeMessages } from './causes';
import { manifestMessages } from './manifest';
import { optionsMessages } from './options';
import { popupMessages } from './popup';
import { wordMessages } from './words';

/** What the popup and options page say. */
export const uiMessages = mergeCatalogs(causeMessages, wordMessages, popupMessages, accountMessages, optionsMessages);

/** Every message, for the generated _locales and the completeness test. */
export const allMessages = mergeCatalogs(causeMessages, wordMessages, popupMessages, accountMessages, optionsMessages, manifestMessages);
