import { mergeCatalogs } from '../translate';
import { accountMessages } from './account';
import { causeMessages } from './causes';
import { contentMessages } from './content';
import { featureMessages } from './features';
import { manifestMessages } from './manifest';
import { optionsMessages } from './options';
import { popupMessages } from './popup';
import { wordMessages } from './words';
import { workerMessages } from './worker';

/** What the popup and options page say. */
export const uiMessages = mergeCatalogs(causeMessages, wordMessages, popupMessages, accountMessages, optionsMessages, featureMessages);

/** What the service worker says (notifications, badge title, context menu) and the cause sentences. */
export const workerCatalogs = mergeCatalogs(causeMessages, workerMessages);

/** Every message, for the generated _locales and the completeness test. */
export const allMessages = mergeCatalogs(causeMessages, wordMessages, popupMessages, accountMessages, optionsMessages, featureMessages, manifestMessages, workerMessages, contentMessages);
