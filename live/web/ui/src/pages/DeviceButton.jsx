// The device selection button of 8.2.1 and 8.3.2: address, name, function symbols, the breaker
// state (when the device has one), the status; for a Green'Up station its charge state and
// priority.
import { labelKey } from '../lib/live.js';
import { useApp } from '../ui/context.js';

const SYMBOLS = { measure: 'M', state: 'S', command: 'C', link: 'L' };

export function DeviceButton({ device, selected, onSelect, extra }) {
  const { t } = useApp();
  return (
    <button type="button" class={`device-button status-${device.status}${selected ? ' selected' : ''}`}
      aria-pressed={selected ? 'true' : 'false'} data-test={`device-${device.id}`} onClick={onSelect}>
      <span class="device-address" data-test={`device-address-${device.id}`}>{device.address}</span>
      <span class="device-name">{device.name}</span>
      <span class="device-functions">
        {(device.functions || []).map((f) => (
          <abbr key={f} class={`function function-${f}`} title={t(labelKey('function', f))} data-test={`device-function-${device.id}-${f}`}>{SYMBOLS[f]}</abbr>
        ))}
      </span>
      {device.breakerState ? (
        <span class={`breaker breaker-${device.breakerState}`} data-test={`device-breaker-${device.id}`}>{t(labelKey('breaker', device.breakerState))}</span>
      ) : null}
      {extra}
      <span class="device-status" data-test={`device-status-${device.id}`} data-status={device.status}>{t(labelKey('status', device.status))}</span>
    </button>
  );
}
