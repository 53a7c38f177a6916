// One device's latest values (GET /site/live/devices/{id}, docs/api.md), fetched again at each
// new snapshot of the stack (`sequence`, from the overview's stream): what My panel board's
// sections B/C and Consumptions → Details show.
import { useEffect, useState } from 'preact/hooks';

/**
 * @param {ReturnType<import('../lib/api.js').createApi>} api
 * @param {number | null} id the device; null: none selected
 * @param {number | null} sequence the latest snapshot's
 * @returns {object | null} the device's answer, null until the first one
 */
export function useLiveDevice(api, id, sequence) {
  const [device, setDevice] = useState(null);
  useEffect(() => {
    if (id === null) return undefined;
    let open = true;
    api.get(`/site/live/devices/${id}`).then((result) => {
      if (open && result.ok) setDevice(result.data);
    });
    return () => { open = false; };
  }, [id, sequence]);
  return device !== null && device.id === id ? device : null;
}
