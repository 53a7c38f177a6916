// The client-side routes of the shell. Pure: the app maps each route's `view` to a component
// (src/views.js); the node tests check the table and the access rules.
//
// A later page plugs in by giving its route a view of its own (docs/web-ui.md, "Adding a page").
import { CONSUMPTION_TABS } from './consumptions.js';
import { PAGE_IDS, PAGE_PATHS, pageTitleKey } from './pages.js';
import { SETTINGS_PAGES } from './settings-pages.js';

/**
 * access: 'public' (no session needed) or 'session' (the default).
 * page: the page right the route needs (docs/users.md); manager: the user must manage users.
 * A path segment ':name' captures one segment; a last segment '*' captures the rest.
 */
const OWN_ROUTES = [
  { path: '/login', view: 'login', access: 'public', titleKey: 'login.title' },
  { path: '/', view: 'home', titleKey: 'home.title' },
  { path: '/logout', view: 'logout', titleKey: 'logout.title' },
  { path: '/web-server', view: 'web-server', page: 'web_server_configuration',
    titleKey: pageTitleKey('web_server_configuration') },
  { path: '/web-server/users', view: 'users', page: 'web_server_configuration', manager: true,
    titleKey: 'users.title' },
  { path: '/web-server/users/new', view: 'user-new', page: 'web_server_configuration', manager: true,
    titleKey: 'users.newTitle' },
  { path: '/web-server/users/edit/:name', view: 'user-edit', page: 'web_server_configuration',
    manager: true, titleKey: 'users.editTitle' },
  // Web Server configuration's own pages (docs/settings.md).
  // One route per settings page, its view 'ws-<id>' (src/views.js).
  ...Object.entries(SETTINGS_PAGES).map(([id, settings]) => ({
    path: `/web-server/${id}`, view: `ws-${id}`, page: 'web_server_configuration', titleKey: settings.titleKey,
  })),
  { path: '/web-server/system', view: 'ws-system', page: 'web_server_configuration', titleKey: 'wsConfig.system.title' },
  { path: '/web-server/backup', view: 'ws-backup', page: 'web_server_configuration', manager: true,
    titleKey: 'wsConfig.backup.title' },
  { path: '/consumptions', view: 'consumptions', page: 'consumptions', titleKey: pageTitleKey('consumptions') },
  { path: '/consumptions/:tab', view: 'consumptions', page: 'consumptions', titleKey: pageTitleKey('consumptions'),
    params: { tab: CONSUMPTION_TABS } },
  { path: '/panel-board', view: 'panel-board', page: 'my_panel_board', titleKey: pageTitleKey('my_panel_board') },
  { path: '/green-up', view: 'green-up', page: 'green_up', titleKey: pageTitleKey('green_up') },
  { path: '/reports/alarms', view: 'alarms', page: 'reports_alarms', titleKey: pageTitleKey('reports_alarms') },
  // System configuration: the section tiles, gateways and devices (manual 7.16, 7.16.1).
  ...[
    ['/system', 'system', pageTitleKey('system_configuration')],
    ['/system/gateways', 'gateways', 'gateways.title'],
    ['/system/gateways/new', 'gateway-new', 'gateways.title'],
    ['/system/gateways/:gateway', 'gateway-edit', 'gateways.title'],
    ['/system/gateways/:gateway/delete', 'gateway-delete', 'gateways.title'],
    ['/system/gateways/:gateway/devices', 'devices', 'gateways.devicesTitle'],
    ['/system/gateways/:gateway/devices/new', 'device-new', 'gateways.devicesTitle'],
    ['/system/gateways/:gateway/devices/:device', 'device-edit', 'gateways.devicesTitle'],
    ['/system/gateways/:gateway/devices/:device/advanced', 'device-advanced', 'gateways.devicesTitle'],
    ['/system/gateways/:gateway/devices/:device/delete', 'device-delete', 'gateways.devicesTitle'],
  ].map(([path, view, titleKey]) => ({ path, view, page: 'system_configuration', titleKey })),
  // System configuration: the site's sections (manual 7.16.2-7.16.6, 8.2.3; docs/pages.md).
  { path: '/system/loads', view: 'site-loads', page: 'system_configuration', titleKey: 'siteCfg.loads.title' },
  { path: '/system/groups', view: 'site-groups', page: 'system_configuration', titleKey: 'siteCfg.groups.title' },
  { path: '/system/panel-boards', view: 'site-panel-boards', page: 'system_configuration', titleKey: 'siteCfg.panelBoards.title' },
  { path: '/system/bill', view: 'site-bill', page: 'system_configuration', titleKey: 'siteCfg.bill.title' },
  { path: '/system/sample-rate', view: 'site-sample-rate', page: 'system_configuration', titleKey: 'siteCfg.sampleRate.title' },
  { path: '/system/green-up', view: 'site-green-up', page: 'system_configuration', titleKey: 'siteCfg.dlm.title' },
  { path: '/system/master-slave', view: 'site-master-slave', page: 'system_configuration', titleKey: 'siteCfg.ms.title' },
  { path: '/system/link', view: 'site-link', page: 'system_configuration', titleKey: 'siteCfg.link.title' },
  { path: '/reports/download', view: 'reports', page: 'reports_data_download',
    titleKey: pageTitleKey('reports_data_download') },
  // Email and notification (manual 8.6, docs/delivery.md).
  { path: '/web-server/notifications', view: 'notify-menu', page: 'web_server_configuration', titleKey: 'notify.title' },
  { path: '/web-server/notifications/email', view: 'notify-email', page: 'web_server_configuration', titleKey: 'notify.email' },
  { path: '/web-server/notifications/telegram', view: 'notify-telegram', page: 'web_server_configuration',
    titleKey: 'notify.telegram' },
  { path: '/web-server/notifications/reports', view: 'notify-reports', page: 'web_server_configuration',
    titleKey: 'notify.reports' },
  { path: '/web-server/notifications/alerts', view: 'notify-alerts', page: 'web_server_configuration',
    titleKey: 'notify.alerts' },
  { path: '/web-server/connector', view: 'connector', page: 'web_server_configuration', titleKey: 'connector.title' },
];

/** Every page's path, and anything under it, that no route above takes: "coming later". */
const PLACEHOLDER_ROUTES = PAGE_IDS.flatMap((page) => {
  const path = PAGE_PATHS[page];
  const route = { view: 'placeholder', page, titleKey: pageTitleKey(page) };
  return OWN_ROUTES.some((own) => own.path === path)
    ? [{ ...route, path: `${path}/*` }]
    : [{ ...route, path }, { ...route, path: `${path}/*` }];
});

export const ROUTES = Object.freeze([...OWN_ROUTES, ...PLACEHOLDER_ROUTES].map(Object.freeze));

export const NOT_FOUND = Object.freeze({ path: null, view: 'not-found', titleKey: 'notFound.title' });

/** "/a/b/" -> "/a/b"; "" -> "/". */
export function normalizePath(pathname) {
  let p = (pathname || '/').split('?')[0].split('#')[0];
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function matchOne(pattern, segments) {
  const parts = pattern === '/' ? [] : pattern.slice(1).split('/');
  const params = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === '*' && i === parts.length - 1) {
      if (segments.length <= i) return null;
      params.rest = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return null;
    if (part.startsWith(':')) {
      const value = decode(segments[i]);
      if (value === null || value === '') return null;
      params[part.slice(1)] = value;
    } else if (part !== segments[i]) {
      return null;
    }
  }
  return parts.length === segments.length ? params : null;
}

/**
 * The route of a path: the first of ROUTES that matches, NOT_FOUND otherwise.
 * @returns {{route: object, params: Record<string,string>, path: string}}
 */
export function matchRoute(pathname) {
  const path = normalizePath(pathname);
  const segments = path === '/' ? [] : path.slice(1).split('/');
  for (const route of ROUTES) {
    const params = matchOne(route.path, segments);
    // A route may name the values a parameter takes (the consumption tabs); others go on.
    const allowed = params && Object.entries(route.params || {}).every(([name, values]) => values.includes(params[name]));
    if (params && allowed) return { route, params, path };
  }
  return { route: NOT_FOUND, params: {}, path };
}

/**
 * Whether a user may open a route: 'ok', 'login' (no session) or 'forbidden'.
 * The server enforces the same rights; the shell only hides what a user may not open.
 * @param {object} route
 * @param {{pages: string[], manager: boolean} | null} user
 */
export function routeAccess(route, user) {
  if (route.access === 'public') return 'ok';
  if (!user) return 'login';
  if (route.page && !(user.pages || []).includes(route.page)) return 'forbidden';
  if (route.manager && !user.manager) return 'forbidden';
  return 'ok';
}

/** The page id whose part of the site a path belongs to (for the navigation), or null. */
export function sectionOf(pathname) {
  const path = normalizePath(pathname);
  for (const page of PAGE_IDS) {
    const base = PAGE_PATHS[page];
    if (path === base || path.startsWith(`${base}/`)) return page;
  }
  return null;
}

/**
 * The path of a user's edit page. Dots are encoded too: a last segment like "j.doe" would look
 * like a file name to a server that answers index.html only for paths without an extension.
 */
export function userEditPath(name) {
  return `/web-server/users/edit/${encodeURIComponent(name).replace(/\./g, '%2E')}`;
}
