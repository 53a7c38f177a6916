// The configuration in force and the device catalogue for the System configuration pages
// (docs/api.md, "Configuration"), and a Save of edits against the version they were made on.
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../lib/errors.js';

export function useConfiguration(api) {
  const [configuration, setConfiguration] = useState(null);
  const [catalogue, setCatalogue] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([api.get('/configuration'), api.get('/configuration/catalogue')]).then(([config, cat]) => {
      if (!live) return;
      const failed = [config, cat].find((r) => !r.ok);
      if (failed) {
        if (failed.status !== 401) setLoadError(errorMessage(failed.error, failed.status));
        return;
      }
      setConfiguration(config.data);
      setCatalogue(cat.data);
    });
    return () => { live = false; };
  }, [generation]);

  /**
   * Sends `edits` made on the version shown; once saved, the new configuration is loaded before
   * the answer is returned, so the next edit is made on it (its indexes, its version).
   */
  const save = async (edits, summary) => {
    const result = await api.post('/configuration/changes', {
      baseVersion: configuration.version, summary, edits,
    });
    if (result.ok) {
      const fresh = await api.get('/configuration');
      if (fresh.ok) setConfiguration(fresh.data);
      else setGeneration((n) => n + 1);
    }
    return result;
  };

  return { configuration, catalogue, loadError, save, reload: () => setGeneration((n) => n + 1) };
}
