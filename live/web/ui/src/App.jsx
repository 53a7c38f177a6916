// The app: loads the session and the display language's catalogue, picks the route, sends a
// visitor without a session to the login page, and renders the view inside the shell.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from './lib/api.js';
import { errorMessage } from './lib/errors.js';
import { LANGUAGES, REFERENCE_LANGUAGE, STORAGE_KEY, chooseLanguage, translate } from './lib/i18n.js';
import { matchRoute, routeAccess } from './lib/routes.js';
import { Login } from './pages/Login.jsx';
import { Forbidden } from './pages/Messages.jsx';
import { AppContext } from './ui/context.js';
import { currentPath, navigate, useLocation } from './ui/router.jsx';
import { Shell } from './ui/Shell.jsx';
import { VIEWS } from './views.js';

const catalogues = new Map();

async function fetchCatalogue(id) {
  if (catalogues.has(id)) return catalogues.get(id);
  try {
    const response = await fetch(`/i18n/${encodeURIComponent(id)}.json`, { credentials: 'same-origin' });
    if (!response.ok) return null;
    const catalogue = await response.json();
    catalogues.set(id, catalogue);
    return catalogue;
  } catch {
    return null;
  }
}

function storedLanguage() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function storeLanguage(id) {
  try {
    window.localStorage.setItem(STORAGE_KEY, id);
  } catch {
    // Private mode or storage disabled: the choice lasts until the page is reloaded.
  }
}

/** The languages the site offers that this front-end has a catalogue for, in the manual's order. */
function offered(session) {
  const listed = session && Array.isArray(session.languages) ? session.languages : [];
  const both = LANGUAGES.filter((id) => listed.includes(id));
  return both.length ? both : [...LANGUAGES];
}

/** Paths not worth coming back to after a login. */
const NO_RETURN = new Set(['/login', '/logout']);

export function App() {
  const path = useLocation();
  const [session, setSession] = useState(null);
  const [bootError, setBootError] = useState(null);
  const [lang, setLang] = useState(null);
  const [catalogue, setCatalogue] = useState(null);
  const [loginNotice, setLoginNotice] = useState(null);
  const sessionRef = useRef(null);
  const nextPath = useRef(null);
  const flash = useRef(null);
  const onUnauthenticated = useRef(() => {});
  sessionRef.current = session;

  const api = useMemo(() => createApi({
    csrfToken: () => (sessionRef.current && sessionRef.current.csrfToken) || null,
    onUnauthenticated: () => onUnauthenticated.current(),
  }), []);

  const refreshSession = async () => {
    const result = await api.session();
    if (result.ok && result.data) setSession(result.data);
    return result;
  };

  const applyLanguage = async (id) => {
    let chosen = id;
    let loaded = await fetchCatalogue(id);
    if (!loaded && id !== REFERENCE_LANGUAGE) {
      chosen = REFERENCE_LANGUAGE;
      loaded = await fetchCatalogue(REFERENCE_LANGUAGE);
    }
    setCatalogue(loaded || {});
    setLang(chosen);
    document.documentElement.lang = chosen;
  };

  const boot = async () => {
    setBootError(null);
    const result = await api.session();
    const loaded = result.ok && result.data ? result.data : null;
    if (loaded) setSession(loaded);
    else setBootError(errorMessage(result.error, result.status));
    await applyLanguage(chooseLanguage({
      stored: storedLanguage(),
      defaultLanguage: loaded && loaded.defaultLanguage,
      available: offered(loaded),
    }));
  };

  useEffect(() => { boot(); }, []);

  // A call answered 401: the session ended (idle or absolute timeout, or logged out elsewhere).
  onUnauthenticated.current = async () => {
    const here = currentPath();
    if (!NO_RETURN.has(here)) nextPath.current = here;
    setLoginNotice({ key: 'login.sessionExpired' });
    setSession((s) => (s ? { ...s, authenticated: false, user: null, csrfToken: null } : s));
    navigate('/login', { replace: true });
    await refreshSession();
  };

  const { route, params } = matchRoute(path);
  const user = session && session.authenticated ? session.user : null;
  const access = session ? routeAccess(route, user) : 'ok';
  const redirecting = session && (access === 'login' || (route.view === 'login' && user));

  useEffect(() => {
    if (!session) return;
    if (access === 'login') {
      if (!NO_RETURN.has(path)) nextPath.current = path;
      navigate('/login', { replace: true });
    } else if (route.view === 'login' && user) {
      const to = nextPath.current || '/';
      nextPath.current = null;
      navigate(to, { replace: true });
    }
  }, [session, path]);

  const t = (key, values) => translate(catalogue, key, values);
  const title = route.titleKey ? t(route.titleKey, params) : '';

  useEffect(() => {
    if (catalogue) document.title = title ? `${title} – ${t('app.title')}` : t('app.title');
  }, [catalogue, title]);

  if (!catalogue) return <div class="boot" aria-busy="true" data-test="loading" />;

  const context = {
    session: session || {},
    user,
    lang,
    languages: offered(session),
    t,
    api,
    setLanguage: (id) => {
      storeLanguage(id);
      applyLanguage(id);
    },
    refreshSession,
    loggedIn: (who, csrfToken) => {
      setLoginNotice(null);
      setSession((s) => ({ ...s, authenticated: true, browserUnlocked: true, user: who, csrfToken }));
      refreshSession();
    },
    loggedOut: async (mode) => {
      nextPath.current = null;
      setLoginNotice({ key: mode === 'lock' ? 'login.lockedNotice' : 'login.loggedOutNotice' });
      setSession((s) => ({
        ...s,
        authenticated: false,
        user: null,
        csrfToken: null,
        browserUnlocked: mode === 'lock' ? false : s.browserUnlocked,
      }));
      navigate('/login', { replace: true });
      await refreshSession();
    },
    setFlash: (message) => { flash.current = message; },
    takeFlash: () => {
      const message = flash.current;
      flash.current = null;
      return message;
    },
  };

  let body;
  if (!session) {
    body = (
      <div class="login-page">
        <main class="login-card">
          <p class="login-brand"><span class="brand-name">{t('app.title')}</span></p>
          <p class="error" role="alert" data-test="boot-error">{t(bootError.key, bootError.params)}</p>
          <div class="actions">
            <button type="button" class="button primary" data-test="retry" onClick={boot}>{t('common.retry')}</button>
          </div>
        </main>
      </div>
    );
  } else if (redirecting) {
    body = <div class="boot" aria-busy="true" data-test="loading" />;
  } else if (route.view === 'login') {
    body = <Login notice={loginNotice} />;
  } else if (access === 'forbidden') {
    body = <Shell path={path} title={title}><Forbidden /></Shell>;
  } else {
    const view = VIEWS[route.view] || VIEWS['not-found'];
    const Component = view.component;
    const props = view.props ? view.props(params) : {};
    body = (
      <Shell path={path} title={title}>
        <Component key={path} {...props} />
      </Shell>
    );
  }

  return <AppContext.Provider value={context}>{body}</AppContext.Provider>;
}
