// System configuration (manual 7.16): the configuration sequence as tiles, gateways and
// devices first. Each tile opens its section's pages.
import { useApp } from '../ui/context.js';
import { Link } from '../ui/router.jsx';

/** The sections in the manual's configuration sequence (7.16) with their catalogue keys. */
const SECTIONS = [
  { href: '/system/gateways', key: 'gateways.title', test: 'gateways' },
  { href: '/system/loads', key: 'gateways.section.loads', test: 'loads' },
  { href: '/system/groups', key: 'gateways.section.groups', test: 'groups' },
  { href: '/system/panel-boards', key: 'gateways.section.panelBoards', test: 'panel-boards' },
  { href: '/system/bill', key: 'gateways.section.bill', test: 'bill' },
  { href: '/system/sample-rate', key: 'gateways.section.sampleRate', test: 'sample-rate' },
  { href: '/system/green-up', key: 'gateways.section.greenUp', test: 'green-up' },
  { href: '/system/master-slave', key: 'gateways.section.masterSlave', test: 'master-slave' },
  { href: '/system/link', key: 'siteCfg.link.title', test: 'link' },
];

export function SystemConfiguration() {
  const { t } = useApp();
  return (
    <ul class="tiles">
      {SECTIONS.map((s) => (
        <li key={s.href}>
          <Link href={s.href} class="tile" data-test={`tile-${s.test}`}>
            <span class="tile-title">{t(s.key)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
