// Automatic reports (manual 8.6.3): section A, the devices (filtered by group, selected one by
// one or all) for a Detailed report; section B, each report's type, period, format, delivery
// frequency, sending time and recipients (comma-separated); Save; the log of the reports sent.
import { useEffect, useState } from 'preact/hooks';
import { newReport, recipientsList, recipientsText } from '../lib/notify.js';
import { useApp } from '../ui/context.js';
import { BackLink, NotifyLog, SaveStatus, TextField, useSection } from './NotifyParts.jsx';

/** `options`: [value, catalogue key], or [value, null] for a format's own name (PDF, CSV). */
function Choice({ id, label, value, options, onChange }) {
  const { t } = useApp();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-test={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, key]) => <option key={v} value={v}>{key ? t(key) : v.toUpperCase()}</option>)}
      </select>
    </div>
  );
}

function DevicePicker({ index, report, devices, onChange }) {
  const { t } = useApp();
  const [group, setGroup] = useState('');
  const groups = [...new Set(devices.flatMap((d) => d.groups))].sort();
  const shown = devices.filter((d) => !group || d.groups.includes(group));
  const toggle = (name, on) => onChange(on ? [...report.devices, name] : report.devices.filter((n) => n !== name));
  return (
    <fieldset class="field">
      <legend>{t('notify.devices')}</legend>
      <select data-test={`report-${index}-group`} value={group} onChange={(e) => setGroup(e.currentTarget.value)}
        aria-label={t('notify.groupFilter')}>
        <option value="">{t('notify.allDevices')}</option>
        {groups.map((g) => <option key={g} value={g}>{g}</option>)}
      </select>
      <button type="button" class="button small secondary" data-test={`report-${index}-select-all`}
        onClick={() => onChange([...new Set([...report.devices, ...shown.map((d) => d.name)])])}>
        {t('notify.selectAll')}
      </button>
      {shown.map((d) => (
        <label class="check" key={d.id}>
          <input type="checkbox" data-test={`report-${index}-device-${d.id}`} checked={report.devices.includes(d.name)}
            onChange={(e) => toggle(d.name, e.currentTarget.checked)} />
          <span>{d.name} ({d.address})</span>
        </label>
      ))}
    </fieldset>
  );
}

export function NotifyReports() {
  const { t, api } = useApp();
  const [form, setForm, save, status] = useSection('reports', (f) => ({
    reports: f.reports.map(({ recipients_text: text, ...r }) => ({
      ...r, recipients: text === undefined ? r.recipients : recipientsList(text),
      devices: r.kind === 'detailed' ? r.devices : [],
    })),
  }));
  const [devices, setDevices] = useState([]);
  useEffect(() => {
    api.get('/notify/devices').then((result) => { if (result.ok) setDevices(result.data); });
  }, []);
  if (!form) return <div class="loading" aria-busy="true" data-test="loading"><SaveStatus status={status} /></div>;
  const setReport = (i, change) => setForm({ reports: form.reports.map((r, j) => (j === i ? { ...r, ...change } : r)) });
  return (
    <form class="notify-form" noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
      {form.reports.length ? null : <p class="hint" data-test="reports-none">{t('notify.noReports')}</p>}
      {form.reports.map((report, i) => (
        <fieldset class="field notify-report" key={i} data-test={`report-${i}`}>
          <legend>{t('notify.reportNumber', { n: i + 1 })}</legend>
          <Choice id={`report-${i}-kind`} label={t('notify.reportKind')} value={report.kind}
            options={[['summary', 'notify.kindSummary'], ['detailed', 'notify.kindDetailed']]}
            onChange={(v) => setReport(i, { kind: v })} />
          {report.kind === 'detailed'
            ? <DevicePicker index={i} report={report} devices={devices} onChange={(d) => setReport(i, { devices: d })} />
            : null}
          <Choice id={`report-${i}-period`} label={t('notify.period')} value={report.period}
            options={[['monthly', 'notify.periodMonthly'], ['yearly', 'notify.periodYearly']]}
            onChange={(v) => setReport(i, { period: v })} />
          <Choice id={`report-${i}-format`} label={t('notify.format')} value={report.format}
            options={[['pdf', null], ['csv', null]]}
            onChange={(v) => setReport(i, { format: v })} />
          <Choice id={`report-${i}-frequency`} label={t('notify.frequency')} value={report.frequency}
            options={[['monthly', 'notify.freqMonthly'], ['weekly', 'notify.freqWeekly'], ['daily', 'notify.freqDaily']]}
            onChange={(v) => setReport(i, { frequency: v })} />
          <TextField id={`report-${i}-time`} label={t('notify.time')} value={report.time}
            onInput={(v) => setReport(i, { time: v })} hint={t('notify.timeHint')} />
          <TextField id={`report-${i}-recipients`} label={t('notify.recipients')}
            value={report.recipients_text ?? recipientsText(report.recipients)}
            onInput={(v) => setReport(i, { recipients_text: v })} hint={t('notify.recipientsHint')} />
          <label class="check">
            <input type="checkbox" data-test={`report-${i}-enabled`} checked={report.enabled}
              onChange={(e) => setReport(i, { enabled: e.currentTarget.checked })} />
            <span>{t('notify.enabled')}</span>
          </label>
          <button type="button" class="button small secondary" data-test={`report-${i}-remove`}
            onClick={() => setForm({ reports: form.reports.filter((_, j) => j !== i) })}>
            {t('notify.removeReport')}
          </button>
        </fieldset>
      ))}
      <div class="actions">
        <button type="button" class="button secondary" data-test="report-add"
          onClick={() => setForm({ reports: [...form.reports, newReport()] })}>{t('notify.addReport')}</button>
        <button type="submit" class="button primary" data-test="notify-save" disabled={status.busy}>{t('notify.save')}</button>
      </div>
      <SaveStatus status={status} />
      <NotifyLog kind="report" />
      <BackLink />
    </form>
  );
}
