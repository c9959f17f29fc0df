import type { AccountForm } from '../account-form';
import type { AccountModel } from '../account-model';
import { LockedNote, SelectField, TextField } from './field';
import { t } from '../i18n';

const afterCallChoices = (): Array<{ value: AccountForm['afterCall']; label: string }> => [
  { value: 'timer', label: t('desk.afterCall.timer') },
  { value: 'manual', label: t('desk.afterCall.manual') },
  { value: 'off', label: t('desk.afterCall.off') },
];

const unavailableChoices = (): Array<{ value: AccountForm['whenUnavailable']; label: string }> => [
  { value: 'reject', label: t('desk.unavailable.reject') },
  { value: 'ring', label: t('desk.unavailable.ring') },
];

const codeChoices = (): Array<{ value: AccountForm['unavailableCode']; label: string }> => [
  { value: '486', label: t('account.code.486') },
  { value: '480', label: t('account.code.480') },
  { value: '603', label: t('account.code.603') },
];

/** The agent desk's settings inside the account form: reasons, after-call work, callers while unavailable. */
export function AgentDeskFields({ model }: { model: AccountModel }) {
  const form = model.form.value;
  const errors = model.errors.value;
  return (
    <fieldset disabled={model.locked.value.has('agentDesk')}>
      <legend>{t('desk.title')}</legend>
      {model.locked.value.has('agentDesk') && <LockedNote id="agent-desk" />}
      <TextField
        id="agent-reasons"
        label={t('desk.reasons')}
        value={form.agentReasons}
        hint={t('desk.reasonsHint')}
        error={errors['agent-reasons']}
        onInput={(value) => model.setText('agentReasons', value)}
      />
      <SelectField
        id="after-call"
        label={t('desk.afterCall')}
        value={form.afterCall}
        choices={afterCallChoices()}
        onChange={(value) => model.setAgentChoice('afterCall', value)}
      />
      {form.afterCall === 'timer' && (
        <TextField
          id="after-call-seconds"
          label={t('desk.afterCallSeconds')}
          value={form.afterCallSeconds}
          error={errors['after-call-seconds']}
          onInput={(value) => model.setText('afterCallSeconds', value)}
        />
      )}
      <SelectField
        id="when-unavailable"
        label={t('desk.whenUnavailable')}
        value={form.whenUnavailable}
        choices={unavailableChoices()}
        onChange={(value) => model.setAgentChoice('whenUnavailable', value)}
      />
      {form.whenUnavailable === 'reject' && (
        <SelectField
          id="unavailable-code"
          label={t('desk.unavailableCode')}
          value={form.unavailableCode}
          choices={codeChoices()}
          onChange={(value) => model.setAgentChoice('unavailableCode', value)}
        />
      )}
    </fieldset>
  );
}
