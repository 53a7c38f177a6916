// The Reports & data download page's requests (docs/api.md, "Reports"). Pure: imported by the
// page and by the node tests.

/** The data download's query: list, ids (empty: all), first, last, step, costs, progress token. */
export function downloadQuery({ list, ids, first, last, step, costs, progress }) {
  const query = new URLSearchParams({ list, first, last, step, costs: costs ? '1' : '0' });
  if (ids && ids.length) query.set('ids', [...ids].sort((a, b) => a - b).join(','));
  if (progress) query.set('progress', progress);
  return query.toString();
}

/** The PDF report's query: type, period (YYYY-MM or YYYY), and for a detailed report its filter and devices. */
export function pdfQuery({ type, period, filter, devices }) {
  const query = new URLSearchParams({ type, period });
  if (type === 'detailed') {
    query.set('filter', filter || 'all');
    if (devices && devices.length) query.set('devices', [...devices].sort((a, b) => a - b).join(','));
  }
  return query.toString();
}

/** The first day of the month of an ISO date "2026-03-17" -> "2026-03-01". */
export function monthStart(date) {
  return `${date.slice(0, 7)}-01`;
}

/** The devices a detailed report's filter shows: all, those of group-ID or of load-ID. */
export function devicesOfFilter(devices, filter) {
  if (!filter || filter === 'all') return devices;
  const [kind, idText] = filter.split('-');
  const id = Number(idText);
  return devices.filter((d) => (kind === 'group' ? (d.groups || []).includes(id) : d.load === id));
}

/** "12 %" of rows done, or null before the total is known. */
export function progressPercent(progress) {
  if (!progress || !progress.rowsTotal) return null;
  return Math.min(100, Math.floor((progress.rowsDone * 100) / progress.rowsTotal));
}

/** The file name of a Content-Disposition header, or `fallback`. */
export function attachmentName(header, fallback) {
  const match = /filename="([^"]+)"/.exec(header || '');
  return match ? match[1] : fallback;
}
