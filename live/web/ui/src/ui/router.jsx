// Client-side navigation: the History API, a hook for the current path and a Link that
// navigates without reloading. Paths are those of src/lib/routes.js.
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set();

export function currentPath() {
  return window.location.pathname;
}

/** Go to a path of the site; `replace` keeps the browser history from growing. */
export function navigate(to, { replace = false } = {}) {
  const here = window.location.pathname + window.location.search;
  if (to !== here) {
    if (replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
  }
  for (const listener of listeners) listener();
  if (!replace) window.scrollTo(0, 0);
}

/** The current path, re-rendering on navigation and on the browser's back and forward. */
export function useLocation() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

/** An <a> that navigates inside the app (plain clicks only; new tabs work as links do). */
export function Link({ href, onClick, ...rest }) {
  const click = (event) => {
    if (onClick) onClick(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
      || event.shiftKey || event.altKey || rest.target) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
