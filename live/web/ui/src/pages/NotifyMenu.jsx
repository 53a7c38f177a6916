// Web Server configuration > Email and notification (manual 8.6): the four pages.
import { NOTIFY_PAGES } from '../lib/notify.js';
import { useApp } from '../ui/context.js';
import { Icon } from '../ui/icons.jsx';
import { Link } from '../ui/router.jsx';

export function NotifyMenu() {
  const { t } = useApp();
  return (
    <ul class="tiles">
      {NOTIFY_PAGES.map((page) => (
        <li key={page.id}>
          <Link href={page.path} class="tile" data-test={`tile-notify-${page.id}`}>
            <Icon name="users" className="icon tile-icon" />
            <span class="tile-title">{t(page.titleKey)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
