import type { AccountForm } from '../account-form';
import type { AccountModel } from '../account-model';
import type { StatusModel } from '../status-model';
import type { LockedSetting } from '../../settings/managed-policy';
import { MANAGED_WORDS } from '../dial-policy-words';
import { AgentDeskFields } from './agent-desk-fields';
import { DialPolicyFields } from './dial-policy-fields';
import { Checkbox, LockedNote, SelectField, TextField } from './field';
import { IceServersEditor } from './ice-servers-editor';

const DTMF_CHOICES: Array<{ value: AccountForm['dtmfTransport']; label: string }> = [
  { value: 'rfc4733', label: 'Audio events, RFC 4733 (usual)' },
  { value: 'info', label: 'SIP INFO messages' },
];

const DECLINE_CHOICES: Array<{ value: AccountForm['waitingDeclineCode']; label: string }> = [
  { value: '486', label: 'Busy (486 Busy Here)' },
  { value: '603', label: 'Declined (603 Decline)' },
];

const PREFIXES: Array<{ value: AccountForm['internationalPrefix']; label: string }> = [
  { value: '+', label: '+ (keep the plus)' },
  { value: '00', label: '00 (most of the world)' },
  { value: '011', label: '011 (North America)' },
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
      <h2 id="account-title">Phone account</h2>
      {model.loadError.value && (
        <p class="error" role="alert">
          {model.loadError.value}
        </p>
      )}
      <form class="account" onSubmit={onSave} noValidate>
        <TextField
          id="ws-url"
          label="SIP WebSocket URL"
          required
          value={form.wsUrl}
          placeholder="wss://pbx.example.com:8089/ws"
          hint="Starts with wss:// (or ws:// on a trusted network)."
          locked={is('wsUrl')}
          error={errors['ws-url']}
          onInput={(value) => model.setText('wsUrl', value)}
        />
        <TextField
          id="sip-uri"
          label="SIP address"
          required
          value={form.sipUri}
          placeholder={`sip:1001@${realm ?? 'pbx.example.com'}`}
          hint={realm ? MANAGED_WORDS.realmNote(realm) : undefined}
          error={errors['sip-uri']}
          onInput={(value) => model.setText('sipUri', value)}
        />
        <div class="pair">
          <TextField
            id="auth-user"
            label="Authentication user"
            value={form.authUser}
            placeholder="optional"
            hint="Only if it differs from the user in the SIP address."
            error={errors['auth-user']}
            onInput={(value) => model.setText('authUser', value)}
          />
          <TextField
            id="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            value={form.password}
            placeholder={model.hasPassword.value ? '•••••• stored' : ''}
            hint={model.hasPassword.value ? 'Leave empty to keep the stored password.' : undefined}
            error={errors.password}
            onInput={(value) => model.setText('password', value)}
          />
        </div>
        <TextField
          id="display-name"
          label="Display name"
          value={form.displayName}
          placeholder="Shown to the people you call"
          error={errors['display-name']}
          onInput={(value) => model.setText('displayName', value)}
        />
        <IceServersEditor model={model} />
        <fieldset disabled={is('dialPlan')} data-testid="dial-plan">
          <legend>Dial plan</legend>
          {is('dialPlan') && <LockedNote id="dial-plan" />}
          <div class="pair">
            <TextField
              id="outbound-prefix"
              label="Outside line prefix"
              value={form.outboundPrefix}
              placeholder="none"
              hint="Digits dialled before outside numbers, e.g. 9."
              error={errors['outbound-prefix']}
              onInput={(value) => model.setText('outboundPrefix', value)}
            />
            <TextField
              id="home-country"
              label="Home country of the phone system"
              value={form.homeCountry}
              placeholder="e.g. DE"
              hint="Two letters; its numbers are dialled without the country code."
              error={errors['home-country']}
              onInput={(value) => model.setText('homeCountry', value)}
            />
          </div>
          <SelectField
            id="international-prefix"
            label="Other countries are dialled with"
            value={form.internationalPrefix}
            choices={PREFIXES}
            error={errors['international-prefix']}
            onChange={(value) => model.setInternationalPrefix(value)}
          />
        </fieldset>
        <SelectField
          id="dtmf-transport"
          label="Send keypad tones (DTMF) as"
          value={form.dtmfTransport}
          choices={DTMF_CHOICES}
          locked={is('dtmfTransport')}
          onChange={(value) => model.setDtmfTransport(value)}
        />
        <Checkbox
          id="call-waiting"
          label="Call waiting: a second caller rings softly during a call (off: they hear busy)"
          checked={form.callWaiting}
          locked={is('callWaiting')}
          onChange={(value) => model.setCallWaiting(value)}
        />
        <SelectField
          id="waiting-decline-code"
          label="A declined waiting caller hears"
          value={form.waitingDeclineCode}
          choices={DECLINE_CHOICES}
          locked={is('waitingDeclineCode')}
          onChange={(value) => model.setWaitingDeclineCode(value)}
        />
        <fieldset>
          <legend>Auto-answer</legend>
          <TextField
            id="auto-answer-seconds"
            label="Answer incoming calls by themselves after (seconds)"
            value={form.autoAnswerSeconds}
            placeholder="0"
            hint="0 is off. Never while another call is live; cancelled when the caller hangs up or you answer or decline first."
            locked={is('autoAnswerSeconds')}
            error={errors['auto-answer-seconds']}
            onInput={(value) => model.setText('autoAnswerSeconds', value)}
          />
          <Checkbox
            id="auto-answer-by-header"
            label="Let the phone system ask for auto-answer (Call-Info answer-after, Alert-Info auto answer)"
            checked={form.autoAnswerByHeader}
            locked={is('autoAnswerByHeader')}
            onChange={(value) => model.setAutoAnswerByHeader(value)}
          />
        </fieldset>
        <fieldset>
          <legend>Call history</legend>
          <TextField
            id="history-limit"
            label="Calls to keep"
            value={form.historyLimit}
            placeholder="1000"
            hint="The oldest call goes when a new one would pass this number."
            locked={is('historyLimit')}
            error={errors['history-limit']}
            onInput={(value) => model.setText('historyLimit', value)}
          />
          <Checkbox
            id="history-mask-numbers"
            label="Hide the middle digits of numbers in the history"
            checked={form.historyMaskNumbers}
            locked={is('historyMaskNumbers')}
            onChange={(value) => model.setHistoryMaskNumbers(value)}
          />
        </fieldset>
        <fieldset>
          <legend>Call data</legend>
          <div class="pair">
            <TextField
              id="display-number"
              label="Display number sent on outgoing calls"
              value={form.displayNumber}
              placeholder="none"
              hint="The number the called side should see, if your phone system honours it."
              locked={is('displayNumber')}
              error={errors['display-number']}
              onInput={(value) => model.setText('displayNumber', value)}
            />
            <TextField
              id="display-number-header"
              label="In the SIP header"
              value={form.displayNumberHeader}
              placeholder="X-Display-Number"
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
          label="Sign in automatically when the browser starts"
          checked={form.autoSignIn}
          locked={is('autoSignIn')}
          onChange={(value) => model.setAutoSignIn(value)}
        />
        <div class="actions">
          <button type="submit" class="primary" data-testid="save-button" disabled={save.kind === 'saving'}>
            {save.kind === 'saving' ? 'Saving…' : 'Save'}
          </button>
          <button
            type="button"
            data-testid="test-button"
            disabled={test.kind === 'testing'}
            onClick={onTest}
            title="Saves these settings and signs in with them, then says how it went"
            aria-describedby="test-hint"
          >
            {test.kind === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
        </div>
        <p class="hint" id="test-hint">
          Test connection saves these settings and signs in with them, so the phone uses what you tested.
        </p>
        <p class={`result result-${save.kind}`} data-testid="save-result" data-state={save.kind} aria-live="polite">
          {save.kind === 'saving' && 'Saving…'}
          {save.kind === 'saved' && `Saved. Phone: ${status.registration.value.words}`}
          {(save.kind === 'invalid' || save.kind === 'error') && save.message}
        </p>
        <p class={`result result-${test.kind}`} data-testid="test-result" data-state={test.kind} aria-live="polite">
          {test.kind === 'testing' && 'Testing…'}
          {(test.kind === 'ok' || test.kind === 'error' || test.kind === 'invalid') && test.message}
        </p>
      </form>
    </section>
  );
}
