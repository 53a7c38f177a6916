// Web Server configuration (manual 7.7-7.11, 8.1.2, 8.4.1, 8.8, 9): the settings pages, System
// information, and, for the users who manage users (administrator, greenUp), Users and
// Backup/Restore. Modbus settings only on the EWS 10 and 32 (7.8). The software version (7.10)
// is shown under the tiles.
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../ui/context.js';
import { Icon } from '../ui/icons.jsx';
import { Link } from '../ui/router.jsx';

const TILES = [
  { href: '/web-server/network', titleKey: 'wsConfig.network.title', test: 'tile-network' },
  { href: '/web-server/modbus', titleKey: 'wsConfig.modbus.title', test: 'tile-modbus', variants: ['10', '32'] },
  { href: '/web-server/time', titleKey: 'wsConfig.time.title', test: 'tile-time' },
  { href: '/web-server/language', titleKey: 'wsConfig.language.title', test: 'tile-language' },
  { href: '/web-server/csv', titleKey: 'wsConfig.csv.title', test: 'tile-csv' },
  { href: '/web-server/system', titleKey: 'wsConfig.system.title', test: 'tile-system' },
  { href: '/web-server/notifications', titleKey: 'notify.title', test: 'tile-notifications' },
  { href: '/web-server/connector', titleKey: 'connector.title', test: 'tile-connector' },
  { href: '/web-server/backup', titleKey: 'wsConfig.backup.title', test: 'tile-backup', manager: true },
  { href: '/web-server/users', titleKey: 'users.title', test: 'tile-users', manager: true, icon: 'users' },
];

export function WebServer() {
  const { t, user, session, api } = useApp();
  const [version, setVersion] = useState(null);
  useEffect(() => {
    api.get('/system/version').then((result) => { if (result.ok) setVersion(result.data.software_version); });
  }, []);
  const variant = session.site ? session.site.variant : null;
  const tiles = TILES.filter((tile) => (!tile.manager || user.manager) && (!tile.variants || tile.variants.includes(variant)));
  return (
    <div>
      <ul class="tiles">
        {tiles.map((tile) => (
          <li key={tile.href}>
            <Link href={tile.href} class="tile" data-test={tile.test}>
              <Icon name={tile.icon || 'web_server_configuration'} className="icon tile-icon" />
              <span class="tile-title">{t(tile.titleKey)}</span>
            </Link>
          </li>
        ))}
      </ul>
      {user.manager ? null : <p data-test="users-manager-only">{t('webServer.managersOnly')}</p>}
      {version ? <p class="hint" data-test="software-version">{t('wsConfig.softwareVersion', { version })}</p> : null}
      <p class="hint" data-test="web-server-later">{t('webServer.later')}</p>
    </div>
  );
}
