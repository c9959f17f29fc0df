import type { AccountForm } from '../account-form';
import type { AccountModel } from '../account-model';
import type { StatusModel } from '../status-model';
import type { LockedSetting } from '../../settings/managed-policy';
import { MANAGED_WORDS } from '../dial-policy-words';
import { AgentDeskFields } from './agent-desk-fields';
import { DialPolicyFields } from './dial-policy-fields';
import { Checkbox, LockedNote, SelectField, TextField } from './field';
import { IceServersEditor } from './ice-servers-editor';
import { t } from '../i18n';

// Functions, so the labels follow the page's language when it changes.
const dtmfChoices = (): Array<{ value: AccountForm['dtmfTransport']; label: string }> => [
  { value: 'rfc4733', label: t('account.dtmf.rfc4733') },
  { value: 'info', label: t('account.dtmf.info') },
];

const declineChoices = (): Array<{ value: AccountForm['waitingDeclineCode']; label: string }> => [
  { value: '486', label: t('account.code.486') },
  { value: '603', label: t('account.code.603') },
];

const prefixes = (): Array<{ value: AccountForm['internationalPrefix']; label: string }> => [
  { value: '+', label: t('account.prefix.plus') },
  { value: '00', label: t('account.prefix.00') },
  { value: '011', label: t('account.prefix.011') },
];

/** Focuses the first field with an error, so a keyboard user lands where the problem is. */
function focusFirstError(errors: Record<string, string>) {
  const first = Object.keys(errors)[0];
  if (first) document.getElementById(first)?.focus();
}

/** The phone account form with Save and Test connection. */
export function AccountSection({ model, status }: { model: AccountModel; status: StatusModel }) {
  const form = model.form.value;
  const errors = model.errors.value;
  const save = model.save.value;
  const test = model.test.value;
  const locks = model.locked.value;
  const is = (name: LockedSetting) => locks.has(name);
  const realm = model.realm.value;

  const onSave = async (event: Event) => {
    event.preventDefault();
    await model.saveAccount();
    focusFirstError(model.errors.value);
  };
  const onTest = async () => {
    await model.testConnection();
    focusFirstError(model.errors.value);
  };

  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">{t('account.title')}</h2>
      {model.loadError.value && (
        <p class="error" role="alert">
          {model.loadError.value}
        </p>
      )}
      <form class="account" onSubmit={onSave} noValidate>
        <TextField
          id="ws-url"
          label={t('account.wsUrl.label')}
          required
          value={form.wsUrl}
          placeholder={t('account.wsUrl.placeholder')}
          hint={t('account.wsUrl.hint')}
          locked={is('wsUrl')}
          error={errors['ws-url']}
          onInput={(value) => model.setText('wsUrl', value)}
        />
        <TextField
          id="sip-uri"
          label={t('account.sipUri.label')}
          required
          value={form.sipUri}
          placeholder={realm ? `sip:1001@${realm}` : t('account.sipUri.placeholder')}
          hint={realm ? MANAGED_WORDS.realmNote(realm) : undefined}
          error={errors['sip-uri']}
          onInput={(value) => model.setText('sipUri', value)}
        />
        <div class="pair">
          <TextField
            id="auth-user"
            label={t('account.authUser.label')}
            value={form.authUser}
            placeholder={t('account.authUser.placeholder')}
            hint={t('account.authUser.hint')}
            error={errors['auth-user']}
            onInput={(value) => model.setText('authUser', value)}
          />
          <TextField
            id="password"
            label={t('account.password.label')}
            type="password"
            autoComplete="new-password"
            value={form.password}
            placeholder={model.hasPassword.value ? t('account.password.stored') : ''}
            hint={model.hasPassword.value ? t('account.password.keep') : undefined}
            error={errors.password}
            onInput={(value) => model.setText('password', value)}
          />
        </div>
        <TextField
          id="display-name"
          label={t('account.displayName.label')}
          value={form.displayName}
          placeholder={t('account.displayName.placeholder')}
          error={errors['display-name']}
          onInput={(value) => model.setText('displayName', value)}
        />
        <IceServersEditor model={model} />
        <fieldset disabled={is('dialPlan')} data-testid="dial-plan">
          <legend>{t('account.dialPlan')}</legend>
          {is('dialPlan') && <LockedNote id="dial-plan" />}
          <div class="pair">
            <TextField
              id="outbound-prefix"
              label={t('account.outboundPrefix.label')}
              value={form.outboundPrefix}
              placeholder={t('account.outboundPrefix.placeholder')}
              hint={t('account.outboundPrefix.hint')}
              error={errors['outbound-prefix']}
              onInput={(value) => model.setText('outboundPrefix', value)}
            />
            <TextField
              id="home-country"
              label={t('account.homeCountry.label')}
              value={form.homeCountry}
              placeholder={t('account.homeCountry.placeholder')}
              hint={t('account.homeCountry.hint')}
              error={errors['home-country']}
              onInput={(value) => model.setText('homeCountry', value)}
            />
          </div>
          <SelectField
            id="international-prefix"
            label={t('account.internationalPrefix.label')}
            value={form.internationalPrefix}
            choices={prefixes()}
            error={errors['international-prefix']}
            onChange={(value) => model.setInternationalPrefix(value)}
          />
        </fieldset>
        <SelectField
          id="dtmf-transport"
          label={t('account.dtmfTransport.label')}
          value={form.dtmfTransport}
          choices={dtmfChoices()}
          locked={is('dtmfTransport')}
          onChange={(value) => model.setDtmfTransport(value)}
        />
        <Checkbox
          id="call-waiting"
          label={t('account.callWaiting.label')}
          checked={form.callWaiting}
          locked={is('callWaiting')}
          onChange={(value) => model.setCallWaiting(value)}
        />
        <SelectField
          id="waiting-decline-code"
          label={t('account.waitingDeclineCode.label')}
          value={form.waitingDeclineCode}
          choices={declineChoices()}
          locked={is('waitingDeclineCode')}
          onChange={(value) => model.setWaitingDeclineCode(value)}
        />
        <fieldset>
          <legend>{t('account.autoAnswer')}</legend>
          <TextField
            id="auto-answer-seconds"
            label={t('account.autoAnswerSeconds.label')}
            value={form.autoAnswerSeconds}
            placeholder={t('account.autoAnswerSeconds.placeholder')}
            hint={t('account.autoAnswerSeconds.hint')}
            locked={is('autoAnswerSeconds')}
            error={errors['auto-answer-seconds']}
            onInput={(value) => model.setText('autoAnswerSeconds', value)}
          />
          <Checkbox
            id="auto-answer-by-header"
            label={t('account.autoAnswerByHeader.label')}
            checked={form.autoAnswerByHeader}
            locked={is('autoAnswerByHeader')}
            onChange={(value) => model.setAutoAnswerByHeader(value)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('account.history')}</legend>
          <TextField
            id="history-limit"
            label={t('account.historyLimit.label')}
            value={form.historyLimit}
            placeholder={t('account.historyLimit.placeholder')}
            hint={t('account.historyLimit.hint')}
            locked={is('historyLimit')}
            error={errors['history-limit']}
            onInput={(value) => model.setText('historyLimit', value)}
          />
          <Checkbox
            id="history-mask-numbers"
            label={t('account.historyMaskNumbers.label')}
            checked={form.historyMaskNumbers}
            locked={is('historyMaskNumbers')}
            onChange={(value) => model.setHistoryMaskNumbers(value)}
          />
        </fieldset>
        <fieldset>
          <legend>{t('account.callData')}</legend>
          <div class="pair">
            <TextField
              id="display-number"
              label={t('account.displayNumber.label')}
              value={form.displayNumber}
              placeholder={t('account.displayNumber.placeholder')}
              hint={t('account.displayNumber.hint')}
              locked={is('displayNumber')}
              error={errors['display-number']}
              onInput={(value) => model.setText('displayNumber', value)}
            />
            <TextField
              id="display-number-header"
              label={t('account.displayNumberHeader.label')}
              value={form.displayNumberHeader}
              placeholder={t('account.displayNumberHeader.placeholder')}
              locked={is('displayNumberHeader')}
              error={errors['display-number-header']}
              onInput={(value) => model.setText('displayNumberHeader', value)}
            />
          </div>
        </fieldset>
        <DialPolicyFields model={model} />
        <AgentDeskFields model={model} />
        <Checkbox
          id="auto-sign-in"
          label={t('account.autoSignIn.label')}
          checked={form.autoSignIn}
          locked={is('autoSignIn')}
          onChange={(value) => model.setAutoSignIn(value)}
        />
        <div class="actions">
          <button type="submit" class="primary" data-testid="save-button" disabled={save.kind === 'saving'}>
            {save.kind === 'saving' ? t('common.saving') : t('common.save')}
          </button>
          <button
            type="button"
            data-testid="test-button"
            disabled={test.kind === 'testing'}
            onClick={onTest}
            title={t('account.testTitle')}
            aria-describedby="test-hint"
          >
            {test.kind === 'testing' ? t('account.testing') : t('account.test')}
          </button>
        </div>
        <p class="hint" id="test-hint">
          {t('account.testHint')}
        </p>
        <p class={`result result-${save.kind}`} data-testid="save-result" data-state={save.kind} aria-live="polite">
          {save.kind === 'saving' && t('common.saving')}
          {save.kind === 'saved' && t('account.saved', { state: status.registration.value.words })}
          {(save.kind === 'invalid' || save.kind === 'error') && save.message}
        </p>
        <p class={`result result-${test.kind}`} data-testid="test-result" data-state={test.kind} aria-live="polite">
          {test.kind === 'testing' && t('account.testing')}
          {(test.kind === 'ok' || test.kind === 'error' || test.kind === 'invalid') && test.message}
        </p>
      </form>
    </section>
  );
}
