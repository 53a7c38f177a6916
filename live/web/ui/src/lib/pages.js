// The manual's seven pages (8.1.1) and the paths of the shell that open them.
// Pure data and functions: imported by the app and by the node tests.

/** Page ids in the manual's order (8.1.1, the greenUp user's list). */
export const PAGE_IDS = Object.freeze([
  'web_server_configuration',
  'system_configuration',
  'my_panel_board',
  'consumptions',
  'green_up',
  'reports_data_download',
  'reports_alarms',
]);

/** Where each page opens. GET /api/v1/home gives the same paths (docs/api.md). */
export const PAGE_PATHS = Object.freeze({
  web_server_configuration: '/web-server',
  system_configuration: '/system',
  my_panel_board: '/panel-board',
  consumptions: '/consumptions',
  green_up: '/green-up',
  reports_data_download: '/reports/download',
  reports_alarms: '/reports/alarms',
});

/** The catalogue key of a page's title. */
export function pageTitleKey(page) {
  return `page.${page}`;
}

/**
 * The tiles of a user's home page: the user's pages in the manual's order, unknown ids dropped,
 * each once.
 * @param {string[]} pages the user's page ids (User.pages)
 * @returns {{page: string, href: string, titleKey: string}[]}
 */
export function tilesFor(pages) {
  const have = new Set(pages || []);
  return PAGE_IDS.filter((p) => have.has(p)).map((page) => ({
    page,
    href: PAGE_PATHS[page],
    titleKey: pageTitleKey(page),
  }));
}

/**
 * The tiles of GET /api/v1/home, in the server's order, keeping the known pages only.
 * A tile opens the server's href when it lies in the page's part of the site (its path or
 * under it), else the shell's own path for the page.
 */
export function tilesFromHome(home) {
  const tiles = (home && Array.isArray(home.tiles)) ? home.tiles : [];
  const seen = new Set();
  const out = [];
  for (const tile of tiles) {
    if (!tile || !PAGE_IDS.includes(tile.page) || seen.has(tile.page)) continue;
    seen.add(tile.page);
    const base = PAGE_PATHS[tile.page];
    const href = (typeof tile.href === 'string' && (tile.href === base || tile.href.startsWith(`${base}/`)))
      ? tile.href : base;
    out.push({ page: tile.page, href, titleKey: pageTitleKey(tile.page) });
  }
  return out;
}
