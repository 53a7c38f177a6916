// The component of each route's `view` (src/lib/routes.js). A later page adds its view here
// and points its route at it (docs/web-ui.md, "Adding a page").
import { Alarms } from './pages/Alarms.jsx';
import { ConfigDelete } from './pages/ConfigDelete.jsx';
import { GatewayDevices } from './pages/GatewayDevices.jsx';
import { Gateways } from './pages/Gateways.jsx';
import { SystemConfiguration } from './pages/SystemConfiguration.jsx';
import { Connector } from './pages/Connector.jsx';
import { Consumptions } from './pages/Consumptions.jsx';
import { GreenUp } from './pages/GreenUp.jsx';
import { Home } from './pages/Home.jsx';
import { Logout } from './pages/Logout.jsx';
import { NotFound, Placeholder } from './pages/Messages.jsx';
import { NotifyAlerts } from './pages/NotifyAlerts.jsx';
import { NotifyEmail } from './pages/NotifyEmail.jsx';
import { NotifyMenu } from './pages/NotifyMenu.jsx';
import { NotifyReports } from './pages/NotifyReports.jsx';
import { NotifyTelegram } from './pages/NotifyTelegram.jsx';
import { PanelBoard } from './pages/PanelBoard.jsx';
import { Reports } from './pages/Reports.jsx';
import { UserEdit } from './pages/UserEdit.jsx';
import { Users } from './pages/Users.jsx';
import { WebServer } from './pages/WebServer.jsx';
import { lazyView } from './ui/lazyView.jsx';

// System configuration, the site's sections: loaded when first opened.
const SiteList = lazyView(() => import('./pages/SiteLists.jsx').then((m) => m.SiteList));
const Bill = lazyView(() => import('./pages/Bill.jsx').then((m) => m.Bill));
const SampleRate = lazyView(() => import('./pages/SampleRate.jsx').then((m) => m.SampleRate));
const GreenUpConfig = lazyView(() => import('./pages/GreenUpConfig.jsx').then((m) => m.GreenUpConfig));
const MasterSlave = lazyView(() => import('./pages/MasterSlave.jsx').then((m) => m.MasterSlave));
const LinkFunction = lazyView(() => import('./pages/LinkFunction.jsx').then((m) => m.LinkFunction));
import { Backup } from './pages/Backup.jsx';
import { Settings } from './pages/Settings.jsx';
import { SETTINGS_PAGES } from './lib/settings-pages.js';
import { SystemInfo } from './pages/SystemInfo.jsx';

/** view -> (route params) => element props: {component, props}. Login is rendered by App. */
export const VIEWS = {
  'home': { component: Home },
  'logout': { component: Logout },
  'web-server': { component: WebServer },
  'users': { component: Users },
  'user-new': { component: UserEdit, props: () => ({ mode: 'new' }) },
  'user-edit': { component: UserEdit, props: (params) => ({ mode: 'edit', name: params.name }) },
  'consumptions': { component: Consumptions, props: (params) => ({ tab: params.tab || 'grand-total' }) },
  'panel-board': { component: PanelBoard },
  'green-up': { component: GreenUp },
  'alarms': { component: Alarms },
  'system': { component: SystemConfiguration },
  'gateways': { component: Gateways, props: () => ({ mode: 'list' }) },
  'gateway-new': { component: Gateways, props: () => ({ mode: 'new' }) },
  'gateway-edit': { component: Gateways, props: (p) => ({ mode: 'edit', gateway: p.gateway }) },
  'gateway-delete': { component: ConfigDelete, props: (p) => ({ gateway: p.gateway }) },
  'devices': { component: GatewayDevices, props: (p) => ({ mode: 'list', gateway: p.gateway }) },
  'device-new': { component: GatewayDevices, props: (p) => ({ mode: 'new', gateway: p.gateway }) },
  'device-edit': { component: GatewayDevices, props: (p) => ({ mode: 'edit', gateway: p.gateway, device: p.device }) },
  'device-advanced': { component: GatewayDevices, props: (p) => ({ mode: 'advanced', gateway: p.gateway, device: p.device }) },
  'device-delete': { component: ConfigDelete, props: (p) => ({ gateway: p.gateway, device: p.device }) },
  'site-loads': { component: SiteList, props: () => ({ kind: 'loads' }) },
  'site-groups': { component: SiteList, props: () => ({ kind: 'groups' }) },
  'site-panel-boards': { component: SiteList, props: () => ({ kind: 'panelBoards' }) },
  'site-bill': { component: Bill },
  'site-sample-rate': { component: SampleRate },
  'site-green-up': { component: GreenUpConfig },
  'site-master-slave': { component: MasterSlave },
  'site-link': { component: LinkFunction },
  ...Object.fromEntries(Object.keys(SETTINGS_PAGES).map((id) => [`ws-${id}`, { component: Settings, props: () => ({ id }) }])),
  'ws-system': { component: SystemInfo },
  'ws-backup': { component: Backup },
  'reports': { component: Reports },
  'notify-menu': { component: NotifyMenu },
  'notify-email': { component: NotifyEmail },
  'notify-telegram': { component: NotifyTelegram },
  'notify-reports': { component: NotifyReports },
  'notify-alerts': { component: NotifyAlerts },
  'connector': { component: Connector },
  'placeholder': { component: Placeholder },
  'not-found': { component: NotFound },
};
