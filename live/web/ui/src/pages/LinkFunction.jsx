// Link functionality (manual 8.2.3): the links the EMS CX3 configuration software programmed
// between EMS CX3 modules, as the modules' link tables were last read (GET /api/v1/links): the
// modules that generate events on the left, those that act on the right, each with its name,
// function, gateway and Modbus address, an alert icon on a link in error. Refreshed while open:
// the tables are read by the poller with the modules' other registers.
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../ui/router.jsx';
import { errorMessage } from '../lib/errors.js';
import { linkAlertKey, linkFunctionKey, moduleFunctionKey } from '../lib/links.js';
import { useApp } from '../ui/context.js';
import { ErrorLine } from '../ui/Shell.jsx';

const REFRESH_MS = 5000;

function ModuleCells({ module, side }) {
  const { t } = useApp();
  const functionKey = moduleFunctionKey(module);
  return (
    <>
      <td data-test={`link-${side}-name`}>{module.name !== null ? module.name : <em>{t('siteCfg.link.unknownModule')}</em>}</td>
      <td data-test={`link-${side}-function`}>{functionKey ? t(functionKey) : ''}</td>
      <td data-test={`link-${side}-gateway`}>{module.gateway}</td>
      <td data-test={`link-${side}-address`}>{module.address}</td>
    </>
  );
}

export function LinkFunction() {
  const { t, api } = useApp();
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let open = true;
    const load = () => api.get('/links').then((result) => {
      if (!open) return;
      if (result.ok) {
        setData(result.data);
        setError(null);
      } else {
        setError(errorMessage(result.error, result.status));
      }
    });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => { open = false; clearInterval(timer); };
  }, []);

  return (
    <div class="site-config site-link" data-test="site-link">
      <p><Link href="/system" data-test="back-system">{t('siteCfg.back')}</Link></p>
      <p class="notice">{t('siteCfg.link.help')}</p>
      <ErrorLine message={error} test="link-error" />
      {data === null && !error ? <div class="loading" aria-busy="true" data-test="loading" /> : null}
      {data && data.links.length === 0 ? <p data-test="link-none">{t('siteCfg.link.none')}</p> : null}
      {data && data.links.length ? (
        <table class="table link-table" data-test="link-table">
          <thead>
            <tr>
              <th scope="colgroup" colSpan={4}>{t('siteCfg.link.events')}</th>
              <th scope="col" rowSpan={2}>{t('siteCfg.link.link')}</th>
              <th scope="colgroup" colSpan={4}>{t('siteCfg.link.actions')}</th>
            </tr>
            <tr>
              {['event', 'action'].flatMap((side) => ['siteCfg.name', 'siteCfg.link.function', 'siteCfg.link.gateway',
                'siteCfg.link.address'].map((key) => <th scope="col" key={`${side}-${key}`}>{t(key)}</th>))}
            </tr>
          </thead>
          <tbody>
            {data.links.map((link, i) => {
              const alert = linkAlertKey(link);
              const functionKey = linkFunctionKey(link);
              return (
                <tr key={i} class={alert ? 'link-error' : ''} data-test={`link-row-${i}`}>
                  <ModuleCells module={link.event} side="event" />
                  <td data-test="link-function">
                    <span aria-hidden="true">→ </span>{functionKey ? t(functionKey) : link.function}
                    {alert ? (
                      <span class="link-alert" role="img" aria-label={t(alert)} title={t(alert)} data-test="link-alert"> ⚠</span>
                    ) : null}
                  </td>
                  <ModuleCells module={link.action} side="action" />
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
