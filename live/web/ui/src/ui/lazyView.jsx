// A view whose code is fetched when it is first opened (its own assets/chunk-<hash>.js): the
// System configuration's pages are opened rarely, by installers, and stay out of the first load
// (docs/web-ui.md: the app under 40 KiB gzip).
import { useEffect, useState } from 'preact/hooks';

/** @param {() => Promise<Function>} load resolves to the component */
export function lazyView(load) {
  let loaded = null;
  return function LazyView(props) {
    const [Component, setComponent] = useState(() => loaded);
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      load().then((component) => {
        loaded = component;
        if (live) setComponent(() => component);
      });
      return () => { live = false; };
    }, []);
    return Component ? <Component {...props} /> : <div class="loading" aria-busy="true" data-test="loading" />;
  };
}
