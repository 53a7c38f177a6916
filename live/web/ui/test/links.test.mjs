// The Link functionality page's logic (src/lib/links.js): a module's function, the link's
// function, and why a link shows the alert icon; every key in the catalogue.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linkAlertKey, linkFunctionKey, moduleFunctionKey } from '../src/lib/links.js';
import { readCatalogue } from './helpers.mjs';

describe('Link functionality', () => {
  it('names state and control modules by their catalogue number, nothing for an unknown module', () => {
    assert.equal(moduleFunctionKey({ model: '4 149 29' }), 'siteCfg.link.stateModule');
    assert.equal(moduleFunctionKey({ model: '4 149 30' }), 'siteCfg.link.stateModule');
    assert.equal(moduleFunctionKey({ model: '4 149 32' }), 'siteCfg.link.controlModule');
    assert.equal(moduleFunctionKey({ id: null, model: null }), null);
  });
  it('names the link functions it knows', () => {
    assert.equal(linkFunctionKey({ function: 'follow' }), 'siteCfg.link.follow');
    assert.equal(linkFunctionKey({ function: 'inverse' }), 'siteCfg.link.inverse');
    assert.equal(linkFunctionKey({ function: 'unknown' }), null);
  });
  it('says why a link is in error: the module\'s status first, then a table not read', () => {
    assert.equal(linkAlertKey({ error: false, status: 'ok', current: true }), null);
    assert.equal(linkAlertKey({ error: true, status: 'peer-missing', current: true }), 'siteCfg.link.peerMissing');
    assert.equal(linkAlertKey({ error: true, status: 'peer-cannot-act', current: false }), 'siteCfg.link.peerCannotAct');
    assert.equal(linkAlertKey({ error: true, status: 'ok', current: false }), 'siteCfg.link.unread');
    assert.equal(linkAlertKey({ error: true, status: 'unknown', current: true }), 'siteCfg.link.unknownError');
  });
  it('has every key in the English catalogue', () => {
    const en = readCatalogue('en');
    for (const key of ['siteCfg.link.stateModule', 'siteCfg.link.controlModule', 'siteCfg.link.follow',
      'siteCfg.link.inverse', 'siteCfg.link.peerMissing', 'siteCfg.link.peerCannotAct', 'siteCfg.link.unread',
      'siteCfg.link.unknownError', 'siteCfg.link.unknownModule', 'siteCfg.link.events', 'siteCfg.link.actions',
      'siteCfg.link.link', 'siteCfg.link.help', 'siteCfg.link.none']) {
      assert.ok(en[key], key);
    }
  });
});
