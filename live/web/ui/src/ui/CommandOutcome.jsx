// A command's outcome under its buttons (ui/useCommand.js): "Applied by the device." or the
// error as the server words it.
import { useApp } from './context.js';
import { ErrorLine } from './Shell.jsx';

/** `test` prefixes the data-test ids: <test>-applied, <test>-error. */
export function Outcome({ outcome, test }) {
  const { t } = useApp();
  if (!outcome) return null;
  if (outcome.ok) return <p class="notice" role="status" data-test={`${test}-applied`}>{t('panel.applied')}</p>;
  return <ErrorLine message={outcome.message} test={`${test}-error`} />;
}
