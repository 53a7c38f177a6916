// Pages that only say something: a page of a later version, no right, no such page.
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';

/** A page whose content comes with a later version: said plainly, with no made-up data. */
export function Placeholder() {
  const { t } = useApp();
  return (
    <div class="message-page">
      <p data-test="placeholder">{t('placeholder.text')}</p>
      <p><Link href="/" data-test="back-home">{t('common.backHome')}</Link></p>
    </div>
  );
}

export function Forbidden() {
  const { t } = useApp();
  return (
    <div class="message-page">
      <p class="error" data-test="forbidden">{t('forbidden.text')}</p>
      <p><Link href="/" data-test="back-home">{t('common.backHome')}</Link></p>
    </div>
  );
}

export function NotFound() {
  const { t } = useApp();
  return (
    <div class="message-page">
      <p class="error" data-test="not-found">{t('notFound.text')}</p>
      <p><Link href="/" data-test="back-home">{t('common.backHome')}</Link></p>
    </div>
  );
}
