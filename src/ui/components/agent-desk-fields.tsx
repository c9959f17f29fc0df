import type { AccountForm } from '../account-form';
import type { AccountModel } from '../account-model';
import { LockedNote, SelectField, TextField } from './field';

const AFTER_CALL_CHOICES: Array<{ value: AccountForm['afterCall']; label: string }> = [
  { value: 'timer', label: 'Ends by itself after the seconds below' },
  { value: 'manual', label: 'Ends only when I click End wrap-up' },
  { value: 'off', label: 'Off: no after-call work' },
];

const UNAVAILABLE_CHOICES: Array<{ value: AccountForm['whenUnavailable']; label: string }> = [
  { value: 'reject', label: 'Are turned away' },
  { value: 'ring', label: 'Ring anyway' },
];

const CODE_CHOICES: Array<{ value: AccountForm['unavailableCode']; label: string }> = [
  { value: '486', label: 'Busy (486 Busy Here)' },
  { value: '480', label: 'Unavailable (480 Temporarily Unavailable)' },
  { value: '603', label: 'Declined (603 Decline)' },
];

/** The agent desk's settings inside the account form: reasons, after-call work, callers while unavailable. */
export function AgentDeskFields({ model }: { model: AccountModel }) {
  const form = model.form.value;
  const errors = model.errors.value;
  return (
    <fieldset disabled={model.locked.value.has('agentDesk')}>
      <legend>Agent desk</legend>
      {model.locked.value.has('agentDesk') && <LockedNote id="agent-desk" />}
      <TextField
        id="agent-reasons"
        label="Not ready reasons"
        value={form.agentReasons}
        hint="Separated by commas, for example: Break, Lunch, Meeting, Training"
        error={errors['agent-reasons']}
        onInput={(value) => model.setText('agentReasons', value)}
      />
      <SelectField
        id="after-call"
        label="After-call work (after every call you answered or dialled)"
        value={form.afterCall}
        choices={AFTER_CALL_CHOICES}
        onChange={(value) => model.setAgentChoice('afterCall', value)}
      />
      {form.afterCall === 'timer' && (
        <TextField
          id="after-call-seconds"
          label="Seconds of after-call work"
          value={form.afterCallSeconds}
          error={errors['after-call-seconds']}
          onInput={(value) => model.setText('afterCallSeconds', value)}
        />
      )}
      <SelectField
        id="when-unavailable"
        label="New calls while Not ready or in after-call work"
        value={form.whenUnavailable}
        choices={UNAVAILABLE_CHOICES}
        onChange={(value) => model.setAgentChoice('whenUnavailable', value)}
      />
      {form.whenUnavailable === 'reject' && (
        <SelectField
          id="unavailable-code"
          label="Turned-away callers hear"
          value={form.unavailableCode}
          choices={CODE_CHOICES}
          onChange={(value) => model.setAgentChoice('unavailableCode', value)}
        />
      )}
    </fieldset>
  );
}
