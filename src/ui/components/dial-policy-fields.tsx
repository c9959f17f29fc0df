import type { AccountModel } from '../account-model';
import { DIAL_POLICY_WORDS as WORDS } from '../dial-policy-words';
import { Checkbox, LockedNote, TextField } from './field';

/** The dial policy inside the account form: blocked prefixes, international calls, an allow list, a length. */
export function DialPolicyFields({ model }: { model: AccountModel }) {
  const form = model.form.value;
  const errors = model.errors.value;
  const locked = model.locked.value.has('dialPolicy');
  return (
    <fieldset data-testid="dial-policy" disabled={locked}>
      <legend>{WORDS.legend}</legend>
      <p class="hint">{WORDS.intro}</p>
      {locked && <LockedNote id="dial-policy" />}
      <TextField
        id="blocked-prefixes"
        label={WORDS.blockedPrefixes}
        value={form.blockedPrefixes}
        placeholder={WORDS.none}
        hint={WORDS.blockedPrefixesHint}
        error={errors['blocked-prefixes']}
        onInput={(value) => model.setText('blockedPrefixes', value)}
      />
      <Checkbox
        id="block-international"
        label={WORDS.blockInternational}
        checked={form.blockInternational}
        error={errors['block-international']}
        onChange={(value) => model.setBlockInternational(value)}
      />
      <TextField
        id="allowed-numbers"
        label={WORDS.allowedNumbers}
        value={form.allowedNumbers}
        placeholder={WORDS.anyNumber}
        hint={WORDS.allowedNumbersHint}
        error={errors['allowed-numbers']}
        onInput={(value) => model.setText('allowedNumbers', value)}
      />
      <TextField
        id="dial-max-length"
        label={WORDS.maxLength}
        value={form.dialMaxLength}
        placeholder="0"
        hint={WORDS.maxLengthHint}
        error={errors['dial-max-length']}
        onInput={(value) => model.setText('dialMaxLength', value)}
      />
    </fieldset>
  );
}
