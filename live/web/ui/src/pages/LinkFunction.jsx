// Link functionality (manual 8.2.3): the links between EMS CX3 modules are programmed with the
// EMS CX3 configuration software and only shown by the EWS. The register maps hold no link
// registers yet (docs/pages.md), so this page lists the EMS CX3 modules of the configuration,
// with their gateway and address, and says that their links cannot be read.
import { emsModulesOf } from '../lib/site-config.js';
import { useApp } from '../ui/context.js';
import { ConfigPage } from './SiteConfigParts.jsx';

export function LinkFunction() {
  const { t } = useApp();
  return (
    <ConfigPage test="site-link">
      {(config) => {
        const modules = emsModulesOf(config.scenario);
        return (
          <div>
            <p class="notice" data-test="link-unavailable">{t('siteCfg.link.unavailable')}</p>
            {modules.length ? (
              <table class="table" data-test="link-modules">
                <thead>
                  <tr>
                    <th scope="col">{t('siteCfg.name')}</th>
                    <th scope="col">{t('siteCfg.link.function')}</th>
                    <th scope="col">{t('siteCfg.link.gateway')}</th>
                    <th scope="col">{t('siteCfg.link.address')}</th>
                  </tr>
                </thead>
                <tbody>
                  {modules.map((m) => (
                    <tr key={m.id} data-test={`link-module-${m.id}`}>
                      <td>{m.name}</td>
                      <td>{m.family === 'ems-measure' ? t('siteCfg.link.measure') : t('siteCfg.link.stateControl')}</td>
                      <td>{m.gatewayName}</td>
                      <td>{String(m.spec.address)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : <p data-test="link-none">{t('siteCfg.link.none')}</p>}
          </div>
        );
      }}
    </ConfigPage>
  );
}
