// The home page (manual 8.1: different for each user): one tile per page the user may open,
// in the manual's order, from GET /api/v1/home.
import { useEffect, useState } from 'preact/hooks';
import { tilesFromHome } from '../lib/pages.js';
import { errorMessage } from '../lib/errors.js';
import { useApp } from '../ui/context.js';
import { Icon } from '../ui/icons.jsx';
import { Link } from '../ui/router.jsx';
import { ErrorLine } from '../ui/Shell.jsx';

export function Home() {
  const { t, api } = useApp();
  const [tiles, setTiles] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let live = true;
    api.home().then((result) => {
      if (!live) return;
      if (result.ok) setTiles(tilesFromHome(result.data));
      else if (result.status !== 401) setError(errorMessage(result.error, result.status));
    });
    return () => { live = false; };
  }, []);

  if (error) return <ErrorLine message={error} test="page-error" />;
  if (!tiles) return <div class="loading" aria-busy="true" data-test="loading" />;
  if (tiles.length === 0) return <p data-test="home-empty">{t('home.noPages')}</p>;
  return (
    <ul class="tiles" data-test="home-tiles">
      {tiles.map((tile) => (
        <li key={tile.page}>
          <Link href={tile.href} class={`tile tile-${tile.page}`} data-test={`tile-${tile.page}`}>
            <Icon name={tile.page} className="icon tile-icon" />
            <span class="tile-title">{t(tile.titleKey)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
