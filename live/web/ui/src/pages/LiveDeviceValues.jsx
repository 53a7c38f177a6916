// The measured values of one device beside its histograms on Consumptions → Details (manual
// 8.2.2.4: "the measured values of the device"): My panel board's sections B/C of that device
// (its DeviceDetail, with its pages and commands), kept current by the overview's stream. Only
// for users with the my_panel_board right: the live routes need it (docs/web-ui.md).
import { useApp } from '../ui/context.js';
import { useLive } from '../ui/useLive.js';
import { useLiveDevice } from '../ui/useLiveDevice.js';
import { DeviceDetail } from './PanelBoard.jsx';

export function LiveDeviceValues({ id }) {
  const { api } = useApp();
  const { data } = useLive(api, '/site/live');
  const device = useLiveDevice(api, id, data ? data.sequence : null);
  if (!device) return <div class="loading" aria-busy="true" data-test="details-values-loading" />;
  return (
    <div class="details-values" data-test="details-values">
      <DeviceDetail key={device.id} device={device} reveal={false} />
    </div>
  );
}
