// The message catalogues: one per language of the manual, each with exactly the keys of
// en.json, no empty text, the same {parameters}; French as the Mini guide names its labels.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  LANGUAGES, REFERENCE_LANGUAGE, catalogueProblems, chooseLanguage, compareCatalogue, interpolate,
  placeholders, translate,
} from '../src/lib/i18n.js';
import { UI_DIR, readCatalogue } from './helpers.mjs';

const reference = readCatalogue(REFERENCE_LANGUAGE);

describe('catalogues', () => {
  it('are the 13 languages of the manual, one file each, nothing else', () => {
    assert.deepEqual([...LANGUAGES].sort(),
      ['de', 'el', 'en', 'es', 'fr', 'fr-BE', 'hu', 'it', 'nl', 'nl-BE', 'pl', 'pt', 'ru']);
    const files = fs.readdirSync(path.join(UI_DIR, 'i18n')).filter((f) => f.endsWith('.json'));
    assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).sort(), [...LANGUAGES].sort());
  });

  for (const id of LANGUAGES) {
    it(`${id}.json has exactly the keys of en.json, no empty text, the same parameters`, () => {
      const catalogue = readCatalogue(id);
      assert.deepEqual(catalogueProblems(reference, catalogue), []);
      assert.deepEqual(Object.keys(catalogue), Object.keys(reference), 'same keys in the same order');
    });
  }

  it('name each language in its own words, all different', () => {
    const names = LANGUAGES.map((id) => readCatalogue(id)['language.name']);
    assert.equal(new Set(names).size, LANGUAGES.length);
    assert.equal(readCatalogue('de')['language.name'], 'Deutsch');
    assert.equal(readCatalogue('el')['language.name'], 'Ελληνικά');
    assert.equal(readCatalogue('fr-BE')['language.name'], 'Français (Belgique)');
    assert.equal(readCatalogue('nl-BE')['language.name'], 'Nederlands (België)');
    assert.equal(readCatalogue('ru')['language.name'], 'Русский');
  });

  it('give the manual\'s English page names', () => {
    assert.equal(reference['page.web_server_configuration'], 'Web Server configuration');
    assert.equal(reference['page.system_configuration'], 'System configuration');
    assert.equal(reference['page.my_panel_board'], 'My panel board');
    assert.equal(reference['page.consumptions'], 'Consumptions: data & diagram.');
    assert.equal(reference['page.green_up'], "Green'Up");
    assert.equal(reference['page.reports_data_download'], 'Reports & data download');
    assert.equal(reference['page.reports_alarms'], 'Reports: alarms');
    assert.equal(reference['logout.logout'], 'Logout');
    assert.equal(reference['logout.lock'], 'Lock');
  });

  for (const id of ['fr', 'fr-BE']) {
    it(`${id}: the labels the French Mini guide names are its words`, () => {
      const fr = readCatalogue(id);
      assert.equal(fr['app.title'], 'Serveur Web Energie');
      assert.equal(fr['page.web_server_configuration'], 'Configuration du serveur web');
      assert.equal(fr['page.system_configuration'], 'Configuration du système');
      assert.equal(fr['page.my_panel_board'], 'Mon installation');
      assert.equal(fr['page.consumptions'], 'Consommations: info & diagram.');
      assert.equal(fr['page.green_up'], "Green'Up");
      assert.equal(fr['home.title'], 'Accueil');
      assert.equal(fr['login.pin'], 'Code PIN');
      assert.equal(fr['login.puk'], 'Code PUK');
      assert.equal(fr['login.ok'], 'OK');
      assert.equal(fr['logout.icon'], 'Déconnexion');
      assert.equal(fr['logout.logout'], 'Logout');
      assert.equal(fr['logout.lock'], 'Lock');
      assert.equal(fr['logout.logoutNote'], 'Logout : fermeture de la session ; reconnexion avec le code PIN.');
      assert.equal(fr['logout.lockNote'],
        "Lock : désactivation temporaire de l'application ; reconnexion avec les codes PIN+PUK.");
      assert.equal(fr['users.title'], 'Utilisateurs');
      assert.equal(fr['language.label'], 'Langue');
    });
  }

  it('translate every text (only names, codes and symbols may equal English)', () => {
    const same = new Set(['app.title', 'page.green_up', 'login.ok', 'users.pages', 'nav.label',
      'users.actions', 'users.name', 'logout.icon', 'logout.title', 'logout.logout', 'logout.lock',
      'home.title', 'users.state', 'error.invalid',
      // Words some languages spell as English does (Details, Gateway, Status, Start, Zone, Phases,
      // Station, Normal, No, Open, Error, Cable, Meter, Site, Charge, Configuration, Contactor).
      'alarms.detail', 'alarms.site', 'greenUp.details.charge', 'greenUp.details.station', 'greenUp.detailsView',
      'greenUp.gateway', 'greenUp.no', 'greenUp.normal', 'greenUp.phases', 'greenUp.start', 'greenUp.status',
      'greenUp.zone', 'live.breaker.open', 'live.stationState.error', 'panel.byGateway', 'panel.chargeError.cable',
      'panel.open', 'panel.stationError.contactor', 'panel.stationError.meter', 'panel.tab.configuration',
      // System configuration: symbols and units, and words spelled as in English (Name, Normal, Gateway, Port).
      'siteCfg.bill.perCubicMetre', 'siteCfg.bill.perKWh', 'siteCfg.dlm.normal', 'siteCfg.link.gateway', 'siteCfg.ms.port',
      'siteCfg.name', 'siteCfg.usedByGateways',
      // Gateways and devices: the box's own labels (ON, OFF, Test, Remote ID, WSMEASURE, Master/Slave)
      // and words some languages spell as English does (Gateways, Model, Name, Phase, Gas, Water, No).
      'gateways.concentrator', 'gateways.configuration', 'gateways.family.wsmeasure', 'gateways.listTitle',
      'gateways.medium.gas', 'gateways.medium.water', 'gateways.model', 'gateways.name', 'gateways.no', 'gateways.off',
      'gateways.on', 'gateways.phase', 'gateways.remoteId', 'gateways.section.masterSlave', 'gateways.test',
      // Units and symbols of the System information page.
      'wsConfig.system.percent', 'wsConfig.system.mebibytes', 'wsConfig.system.ok', 'wsConfig.system.backupError',
      'wsConfig.csv.point', 'wsConfig.modbus.parityEven',
      // Gas, Water, Filter (German, Dutch).
      'reportPdf.gas', 'reportPdf.water', 'reports.filter',
      // Telegram's own words (its name, Token, chat) and words shared with English (Test, Format, E-mail).
      'notify.telegram', 'notify.token', 'notify.chatId', 'notify.test', 'notify.format', 'notify.email',
      'notify.password', 'notify.botPassword', 'notify.botName', 'notify.reportNumber', 'notify.reportKind',
      // Protocol names, and "Connector" and "Port" as German, Dutch, Hungarian or Polish spell them.
      'connector.mode.sftp', 'connector.mode.scp', 'connector.title', 'connector.port']);
    for (const id of LANGUAGES.filter((l) => l !== REFERENCE_LANGUAGE)) {
      const catalogue = readCatalogue(id);
      const untranslated = Object.keys(reference)
        .filter((k) => !same.has(k) && catalogue[k] === reference[k]);
      assert.deepEqual(untranslated, [], `${id}: texts still in English`);
    }
  });
});

describe('compareCatalogue', () => {
  it('finds missing, extra and empty keys and changed parameters', () => {
    const diff = compareCatalogue(
      { a: 'A', b: 'B {n}', c: 'C' },
      { a: 'x', b: 'y {m}', c: ' ', d: 'extra' },
    );
    assert.deepEqual(diff, { missing: [], extra: ['d'], empty: ['c'], parameters: ['b'] });
    assert.deepEqual(compareCatalogue({ a: 'A' }, {}).missing, ['a']);
  });
});

describe('translate and interpolate', () => {
  it('fill {parameters} and leave unknown ones', () => {
    assert.equal(interpolate('wait {seconds} s', { seconds: 30 }), 'wait 30 s');
    assert.equal(interpolate('{a} {b}', { a: 1 }), '1 {b}');
    assert.deepEqual(placeholders('{b} {a} {b}'), ['a', 'b']);
  });
  it('answer the key itself for a key the catalogue lacks', () => {
    assert.equal(translate({ x: 'X' }, 'y'), 'y');
    assert.equal(translate(reference, 'error.lockedOut', { seconds: 5 }),
      'Too many wrong codes: wait 5 s before trying again.');
  });
});

describe('chooseLanguage (manual 7.11)', () => {
  it('prefers this browser\'s choice, then the site default, then English', () => {
    assert.equal(chooseLanguage({ stored: 'it', defaultLanguage: 'de' }), 'it');
    assert.equal(chooseLanguage({ stored: null, defaultLanguage: 'de' }), 'de');
    assert.equal(chooseLanguage({ stored: 'xx', defaultLanguage: 'fr-BE' }), 'fr-BE');
    assert.equal(chooseLanguage({ stored: 'xx', defaultLanguage: 'yy' }), 'en');
    assert.equal(chooseLanguage({}), 'en');
  });
  it('keeps to the languages the site offers', () => {
    assert.equal(chooseLanguage({ stored: 'it', defaultLanguage: 'de', available: ['de', 'en'] }), 'de');
  });
});
