// The frame of every page after login: the header (product, site, user, the logout icon),
// the default-code banner, the navigation to the user's pages, the page, and the language
// list box at the bottom. Views render inside it (src/views.js).
import { useEffect, useRef } from 'preact/hooks';
import { tilesFor } from '../lib/pages.js';
import { sectionOf } from '../lib/routes.js';
import { useApp } from './context.js';
import { Icon } from './icons.jsx';
import { LanguageSelect } from './LanguageSelect.jsx';
import { Link } from './router.jsx';

export function Shell({ path, title, children }) {
  const { t, user, session } = useApp();
  const section = sectionOf(path);
  const heading = useRef(null);
  const first = useRef(true);

  // After a navigation, move the focus to the new page's title (screen readers, keyboards).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (heading.current) heading.current.focus();
  }, [path]);

  const site = (session && session.site) || {};
  return (
    <div class="shell">
      <header class="topbar">
        <Link href="/" class="brand" data-test="brand">
          <span class="brand-name">{t('app.title')}</span>
          {site.variant ? <span class="brand-variant">{site.variant}</span> : null}
        </Link>
        <div class="topbar-info">
          {site.name ? <span class="site-name" data-test="site-name">{site.name}</span> : null}
          <span class="current-user" data-test="current-user">{user.name}</span>
        </div>
        <Link href="/logout" class="logout-icon" data-test="logout-icon"
          aria-label={t('logout.icon')} title={t('logout.icon')}>
          <Icon name="logout" />
        </Link>
      </header>

      {user.usesDefaultCode ? (
        <div class="banner" role="alert" data-test="default-code-banner">
          <Icon name="warning" className="icon banner-icon" />
          <span>
            {t('banner.defaultCode')}
            {user.manager ? (
              <Link href="/web-server/users" data-test="default-code-banner-link">{t('banner.changeCodes')}</Link>
            ) : null}
          </span>
        </div>
      ) : null}

      <nav class="nav" aria-label={t('nav.label')}>
        <ul>
          <li>
            <Link href="/" data-test="nav-home" aria-current={path === '/' ? 'page' : undefined}>
              <Icon name="home" />
              <span>{t('home.title')}</span>
            </Link>
          </li>
          {tilesFor(user.pages).map((tile) => (
            <li key={tile.page}>
              <Link href={tile.href} data-test={`nav-${tile.page}`}
                aria-current={section === tile.page ? 'page' : undefined}>
                <Icon name={tile.page} />
                <span>{t(tile.titleKey)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <main class="content">
        <h1 class="page-title" data-test="page-title" tabIndex={-1} ref={heading}>{title}</h1>
        {children}
      </main>

      <footer class="footer">
        <LanguageSelect />
      </footer>
    </div>
  );
}

/** An error line of a view (data-test given by the caller). */
export function ErrorLine({ message, test }) {
  const { t } = useApp();
  if (!message) return null;
  return <p class="error" role="alert" data-test={test}>{t(message.key, message.params)}</p>;
}
