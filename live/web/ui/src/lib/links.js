// The Link functionality page's logic (manual 8.2.3): what each side of a link shows and why a
// link carries the alert icon, from GET /api/v1/links (docs/api.md).

/** EMS CX3 state modules (4 149 29, 4 149 30) generate events only; control modules also act. */
const STATE_MODULES = ['4 149 29', '4 149 30'];

/** The catalogue key of a module's function; null when the EWS does not know the module. */
export function moduleFunctionKey(module) {
  if (!module || !module.model) return null;
  return STATE_MODULES.includes(module.model) ? 'siteCfg.link.stateModule' : 'siteCfg.link.controlModule';
}

const LINK_FUNCTIONS = { follow: 'siteCfg.link.follow', inverse: 'siteCfg.link.inverse' };
const LINK_ERRORS = { 'peer-missing': 'siteCfg.link.peerMissing', 'peer-cannot-act': 'siteCfg.link.peerCannotAct' };

/** The catalogue key of the link's function; null for a code this version does not know. */
export function linkFunctionKey(link) {
  return LINK_FUNCTIONS[link.function] || null;
}

/**
 * Why the link shows the alert icon, as a catalogue key (null: no alert): the error the module
 * reports, or a table that could not be read (the module in communication error).
 */
export function linkAlertKey(link) {
  if (!link.error) return null;
  if (LINK_ERRORS[link.status]) return LINK_ERRORS[link.status];
  if (!link.current) return 'siteCfg.link.unread';
  return 'siteCfg.link.unknownError';
}
