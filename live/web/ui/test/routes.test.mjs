// The shell's routes, the pages of each role (manual 8.1.1) and who may open what.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAGE_IDS, PAGE_PATHS, tilesFor, tilesFromHome } from '../src/lib/pages.js';
import { NOT_FOUND, ROUTES, matchRoute, normalizePath, routeAccess, sectionOf, userEditPath } from '../src/lib/routes.js';

const ROLES = {
  administrator: ['web_server_configuration', 'system_configuration', 'my_panel_board', 'consumptions',
    'reports_data_download', 'reports_alarms'],
  greenUp: ['web_server_configuration', 'system_configuration', 'my_panel_board', 'consumptions', 'green_up',
    'reports_data_download', 'reports_alarms'],
  installer: ['system_configuration', 'my_panel_board', 'consumptions', 'reports_alarms'],
  user: ['consumptions', 'reports_alarms'],
};

describe('home tiles of each role (manual 8.1.1)', () => {
  for (const [role, pages] of Object.entries(ROLES)) {
    it(`${role}: the role's pages in the manual's order`, () => {
      // Given in any order, the tiles come out in the manual's.
      const tiles = tilesFor([...pages].reverse());
      assert.deepEqual(tiles.map((t) => t.page), pages);
      for (const tile of tiles) {
        assert.equal(tile.href, PAGE_PATHS[tile.page]);
        assert.equal(tile.titleKey, `page.${tile.page}`);
        assert.equal(matchRoute(tile.href).route.page, tile.page, `${tile.href} opens its page`);
      }
    });
  }

  it('the manual\'s order is greenUp\'s list', () => {
    assert.deepEqual(PAGE_IDS, ROLES.greenUp);
  });

  it('unknown ids and duplicates are dropped', () => {
    assert.deepEqual(tilesFor(['x', 'consumptions', 'consumptions']).map((t) => t.page), ['consumptions']);
    assert.deepEqual(tilesFor(undefined), []);
  });

  it('GET /api/v1/home tiles keep the server\'s order, and hrefs in the page\'s part of the site', () => {
    const tiles = tilesFromHome({ tiles: [
      { page: 'reports_alarms', href: '/reports/alarms' },
      { page: 'consumptions', href: 'https://elsewhere.example/x' },
      { page: 'nope', href: '/nope' },
      { page: 'reports_alarms', href: '/again' },
      { page: 'green_up', href: '/consumptions' },
      { page: 'my_panel_board', href: '/panel-board/devices' },
    ] });
    assert.deepEqual(tiles, [
      { page: 'reports_alarms', href: '/reports/alarms', titleKey: 'page.reports_alarms' },
      { page: 'consumptions', href: '/consumptions', titleKey: 'page.consumptions' },
      { page: 'green_up', href: '/green-up', titleKey: 'page.green_up' },
      { page: 'my_panel_board', href: '/panel-board/devices', titleKey: 'page.my_panel_board' },
    ]);
    assert.deepEqual(tilesFromHome(null), []);
  });
});

describe('matchRoute', () => {
  const view = (p) => matchRoute(p).route.view;

  it('finds the pages of this version', () => {
    assert.equal(view('/login'), 'login');
    assert.equal(view('/'), 'home');
    assert.equal(view(''), 'home');
    assert.equal(view('/logout'), 'logout');
    assert.equal(view('/web-server'), 'web-server');
    assert.equal(view('/web-server/'), 'web-server');
    assert.equal(view('/web-server/users'), 'users');
    assert.equal(view('/web-server/users/new'), 'user-new');
    assert.equal(view('/web-server/users/edit/installer'), 'user-edit');
    assert.equal(view('/web-server/users?x=1#y'), 'users');
  });

  it('decodes a user name from its path', () => {
    for (const name of ['installer', 'Jean Dupont', 'a/b', 'élise?', 'new', 'j.doe']) {
      const { route, params } = matchRoute(userEditPath(name));
      assert.equal(route.view, 'user-edit');
      assert.equal(params.name, name);
    }
    assert.notEqual(matchRoute('/web-server/users/edit/%E0%A4%A').route.view, 'user-edit');
    assert.equal(userEditPath('j.doe'), '/web-server/users/edit/j%2Edoe', 'no dot: not a file name');
  });

  it('opens the live pages: My panel board, Green\'Up, Reports: alarms', () => {
    assert.equal(view('/panel-board'), 'panel-board');
    assert.equal(view('/green-up'), 'green-up');
    assert.equal(view('/reports/alarms'), 'alarms');
    assert.equal(matchRoute('/green-up').route.page, 'green_up');
    assert.equal(matchRoute('/reports/alarms').route.page, 'reports_alarms');
    assert.equal(view('/panel-board/links'), 'placeholder');
  });

  it('opens Reports & data download', () => {
    assert.equal(view('/reports/download'), 'reports');
    assert.equal(matchRoute('/reports/download').route.page, 'reports_data_download');
    assert.equal(view('/reports/download/later'), 'placeholder');
  });

  it('sends every page of a later version, and anything under it, to the placeholder', () => {
    const built = ['web_server_configuration', 'my_panel_board', 'green_up', 'reports_alarms',
      'system_configuration', 'reports_data_download'];
    for (const page of PAGE_IDS.filter((p) => !built.includes(p))) {
      const withTabs = page === 'consumptions';  // a page of its own: only unknown paths under it wait
      for (const p of withTabs ? [`${PAGE_PATHS[page]}/details/3`, `${PAGE_PATHS[page]}/rooms`] : [PAGE_PATHS[page], `${PAGE_PATHS[page]}/details/3`]) {
        const { route } = matchRoute(p);
        assert.equal(route.view, 'placeholder', p);
        assert.equal(route.page, page, p);
      }
    }
    assert.equal(view('/web-server/later'), 'placeholder');
    assert.equal(matchRoute('/web-server/later').route.page, 'web_server_configuration');
  });

  it('opens the consumption pages on their tabs (grand total by default)', () => {
    assert.equal(view('/consumptions'), 'consumptions');
    for (const tab of ['grand-total', 'overall', 'partials', 'compare', 'details', 'tariffs-total', 'tariffs-details']) {
      const { route, params } = matchRoute(`/consumptions/${tab}`);
      assert.equal(route.view, 'consumptions');
      assert.equal(params.tab, tab);
    }
  });

  it('answers NOT_FOUND for anything else', () => {
    assert.equal(matchRoute('/nothing/here').route, NOT_FOUND);
    assert.equal(matchRoute('/loginx').route, NOT_FOUND);
  });

  it('normalizes paths', () => {
    assert.equal(normalizePath('//a//b/'), '/a/b');
    assert.equal(normalizePath('a'), '/a');
    assert.equal(normalizePath('/'), '/');
  });

  it('every route is reachable: no earlier route hides a later one', () => {
    for (const route of ROUTES) {
      const sample = route.path.replace(':name', 'someone').replace(':tab', 'overall').replace('*', 'x/y');
      assert.equal(matchRoute(sample).route, route, route.path);
    }
  });
});

describe('routeAccess', () => {
  const user = (pages, manager = false) => ({ name: 'u', pages, manager });
  const route = (p) => matchRoute(p).route;

  it('sends a visitor without a session to the login page', () => {
    assert.equal(routeAccess(route('/'), null), 'login');
    assert.equal(routeAccess(route('/consumptions'), null), 'login');
    assert.equal(routeAccess(route('/nothing'), null), 'login');
    assert.equal(routeAccess(route('/login'), null), 'ok');
  });

  it('needs the page right of the route', () => {
    assert.equal(routeAccess(route('/consumptions'), user(ROLES.user)), 'ok');
    assert.equal(routeAccess(route('/panel-board'), user(ROLES.user)), 'forbidden');
    assert.equal(routeAccess(route('/green-up'), user(ROLES.administrator, true)), 'forbidden');
    assert.equal(routeAccess(route('/green-up/x'), user(ROLES.greenUp, true)), 'ok');
    assert.equal(routeAccess(route('/'), user(ROLES.user)), 'ok');
    assert.equal(routeAccess(route('/logout'), user(ROLES.user)), 'ok');
  });

  it('opens Users only to a user who manages users, with Web Server configuration', () => {
    for (const p of ['/web-server/users', '/web-server/users/new', '/web-server/users/edit/user']) {
      assert.equal(routeAccess(route(p), user(ROLES.administrator, true)), 'ok', p);
      assert.equal(routeAccess(route(p), user(ROLES.greenUp, false)), 'forbidden', p);
      assert.equal(routeAccess(route(p), user(ROLES.installer, true)), 'forbidden', p);
    }
    assert.equal(routeAccess(route('/web-server'), user(ROLES.greenUp, false)), 'ok');
  });
});

describe('sectionOf', () => {
  it('names the page a path belongs to', () => {
    assert.equal(sectionOf('/web-server/users/new'), 'web_server_configuration');
    assert.equal(sectionOf('/reports/alarms'), 'reports_alarms');
    assert.equal(sectionOf('/reports/download/x'), 'reports_data_download');
    assert.equal(sectionOf('/reports'), null);
    assert.equal(sectionOf('/'), null);
  });
});
