// A live text of the stack (docs/api.md): loaded once with GET, then kept current by the
// server-sent events of its stream (a new snapshot at most once a second). The browser's
// EventSource reconnects by itself after a network error.
import { useEffect, useState } from 'preact/hooks';
import { API_BASE } from '../lib/api.js';

/**
 * @param {ReturnType<import('../lib/api.js').createApi>} api
 * @param {string} path e.g. '/site/live'; its stream is path + '/stream'
 * @returns {{data: object | null, error: object | null}}
 */
export function useLive(api, path) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let open = true;
    api.get(path).then((result) => {
      if (!open) return;
      if (result.ok) setData((current) => current || result.data);
      else setError(result.error);
    });
    const source = new EventSource(`${API_BASE}${path}/stream`, { withCredentials: true });
    source.addEventListener('snapshot', (event) => {
      try {
        setData(JSON.parse(event.data));
        setError(null);
      } catch {
        // A torn message: the next snapshot replaces it within a second.
      }
    });
    return () => {
      open = false;
      source.close();
    };
  }, [path]);
  return { data, error };
}
