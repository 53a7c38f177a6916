// The state of a System configuration form (docs/pages.md): its values, the refusals shown next
// to its fields, the Save in progress and the "saved" notice. A save that opens another page
// hands the notice over through the app's flash (App keys each page by its path).
import { useState } from 'preact/hooks';
import { saveErrors } from '../lib/config-devices.js';
import { useApp } from './context.js';
import { navigate } from './router.jsx';

/** @param {(edits: object[], summary: string) => Promise<object>} save useConfiguration's save */
export function useConfigForm(save) {
  const { setFlash, takeFlash } = useApp();
  const [form, setForm] = useState(null);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState(() => (takeFlash() ? 'gateways.saved' : null));

  const set = (field, value) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => {  // a corrected field loses its refusal (and the form's, which may be about it)
      if (!e[field] && !e._form) return e;
      const { [field]: _, _form: __, ...rest } = e;
      return rest;
    });
  };

  /**
   * Saves; refusals under `prefix` go next to `fields`. Opens `next` once saved (when given).
   * @returns {Promise<boolean>} saved
   */
  const send = async (edits, summary, prefix, fields, next = null) => {
    setBusy(true);
    setErrors({});
    setNotice(null);
    const result = await save(edits, summary);
    setBusy(false);
    if (!result.ok) {
      if (result.status !== 401) setErrors(saveErrors(result, prefix, fields));
      return false;
    }
    if (next) {
      setFlash({ key: 'gateways.saved' });
      navigate(next);
    } else {
      setNotice('gateways.saved');
    }
    return true;
  };

  return { form, setForm, set, errors, setErrors, busy, notice, setNotice, send };
}
