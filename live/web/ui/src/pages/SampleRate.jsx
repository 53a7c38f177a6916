// Data sample rate (manual 7.16.4): how often consumptions, statistics and the CSV files are
// recorded. A new rate starts at its next boundary; what was recorded stays as it was.
import { useState } from 'preact/hooks';
import { SAMPLE_RATES } from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage, FieldMessage } from './SiteConfigParts.jsx';

function RateForm({ scenario, saver }) {
  const { t } = useApp();
  const stored = String((scenario.ews && scenario.ews.sampleRate) || '10min');
  const [rate, setRate] = useState(stored);
  const offered = SAMPLE_RATES.includes(stored) ? SAMPLE_RATES : [stored, ...SAMPLE_RATES];
  const submit = (event) => {
    event.preventDefault();
    saver.save([{ op: 'set', path: 'ews.sampleRate', value: rate }], `sample rate ${rate}`, 'ews');
  };
  return (
    <form onSubmit={submit} noValidate>
      <div class="field">
        <label for="sample-rate">{t('siteCfg.sampleRate.label')}</label>
        <select id="sample-rate" data-test="sample-rate" value={rate} onChange={(e) => setRate(e.currentTarget.value)}>
          {offered.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <p class="hint" data-test="sample-rate-current">{t('siteCfg.sampleRate.current', { rate: stored })}</p>
        <FieldMessage message={saver.errors.sampleRate} test="field-error-sampleRate" />
      </div>
      <p class="hint">{t('siteCfg.sampleRate.hint')}</p>
      <div class="actions">
        <button type="submit" class="button primary" data-test="sample-rate-save" disabled={saver.busy}>{t('siteCfg.save')}</button>
      </div>
    </form>
  );
}

export function SampleRate() {
  return (
    <ConfigPage test="site-sample-rate">
      {(config, saver) => <RateForm key={config.version} scenario={config.scenario} saver={saver} />}
    </ConfigPage>
  );
}
