import type { DevicesModel, DeviceOption } from '../devices-model';
import { t } from '../i18n';

function DeviceSelect(props: { id: string; label: string; options: DeviceOption[]; value: string; onChange(id: string): void }) {
  return (
    <label class="field" for={props.id}>
      <span>{props.label}</span>
      <select id={props.id} data-testid={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Microphone, speaker and ringer devices and volumes; a gone device falls back to the default in calls. */
export function DevicesSection({ model }: { model: DevicesModel }) {
  const prefs = model.prefs.value;
  return (
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">{t('devices.title')}</h2>
      <p class="hint">{t('devices.hint')}</p>
      <DeviceSelect id="microphone-device" label={t('devices.microphone')} options={model.inputs.value} value={prefs.microphoneId} onChange={(id) => model.save({ microphoneId: id })} />
      <DeviceSelect id="speaker-device" label={t('devices.speaker')} options={model.outputs.value} value={prefs.speakerId} onChange={(id) => model.save({ speakerId: id })} />
      <DeviceSelect id="ringer-device" label={t('devices.ringer')} options={model.outputs.value} value={prefs.ringerId} onChange={(id) => model.save({ ringerId: id })} />
      <label class="field" for="call-volume">
        <span>{t('devices.callVolume')}</span>
        <input id="call-volume" data-testid="call-volume" type="range" min={0} max={100} value={Math.round(prefs.callVolume * 100)} onChange={(e) => model.save({ callVolume: Number(e.currentTarget.value) / 100 })} />
      </label>
      <label class="field" for="ring-volume">
        <span>{t('devices.ringVolume')}</span>
        <input id="ring-volume" data-testid="ring-volume" type="range" min={0} max={100} value={Math.round(prefs.ringVolume * 100)} onChange={(e) => model.save({ ringVolume: Number(e.currentTarget.value) / 100 })} />
      </label>
      <div class="actions">
        <button type="button" data-testid="devices-refresh" onClick={() => model.load()}>
          {t('devices.refresh')}
        </button>
      </div>
      {model.error.value && (
        <p class="result tone-bad" role="alert">
          {model.error.value}
        </p>
      )}
    </section>
  );
}
