// Web Server configuration (manual 7.7-7.12, 8.1.2): this version has its Users page; the
// other settings come with later versions.
import { useApp } from '../ui/context.js';
import { Icon } from '../ui/icons.jsx';
import { Link } from '../ui/router.jsx';

export function WebServer() {
  const { t, user } = useApp();
  return (
    <div>
      <ul class="tiles">
        <li>
          <Link href="/web-server/connector" class="tile" data-test="tile-connector">
            <span class="tile-title">{t('connector.title')}</span>
          </Link>
        </li>
      </ul>
      {user.manager ? (
        <ul class="tiles">
          <li>
            <Link href="/web-server/users" class="tile" data-test="tile-users">
              <Icon name="users" className="icon tile-icon" />
              <span class="tile-title">{t('users.title')}</span>
            </Link>
          </li>
        </ul>
      ) : (
        <p data-test="users-manager-only">{t('webServer.managersOnly')}</p>
      )}
      <p class="hint" data-test="placeholder">{t('webServer.later')}</p>
    </div>
  );
}
