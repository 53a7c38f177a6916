// The stored configuration for a System configuration page: GET /api/v1/configuration, and a
// save that posts edits against the version shown (a second browser's save in between is
// refused with 409, never overwritten) and reads the configuration again once stored.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';
import { useApp } from './context.js';

/**
 * @returns {{config: object | null, loadError: object | null, reload: () => Promise<void>,
 *   save: (edits: object[], summary: string) => Promise<object>}}
 *   config: {version, scenario, variant, capacity}; save answers the API result.
 */
export function useConfiguration() {
  const { api } = useApp();
  const [config, setConfig] = useState(null);
  const [loadError, setLoadError] = useState(null);

  const reload = async () => {
    const result = await api.get('/configuration');
    if (result.ok && result.data && typeof result.data === 'object') {
      setConfig(result.data);
      setLoadError(null);
    } else if (result.status !== 401) {
      setLoadError(errorMessage(result.error, result.status));
    }
  };

  useEffect(() => { reload(); }, []);

  const save = async (edits, summary) => {
    const result = await api.post('/configuration/changes', { baseVersion: config.version, summary, edits });
    if (result.ok) await reload();
    return result;
  };

  return { config, loadError, reload, save };
}
