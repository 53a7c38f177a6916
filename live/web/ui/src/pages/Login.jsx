// Login (manual 8.1; mobile guide 7.1.2): the PIN, then the PUK when this browser is not
// unlocked. The steps are src/lib/login-machine.js.
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { initialLoginState, loginTransition } from '../lib/login-machine.js';
import { useApp } from '../ui/context.js';
import { LanguageSelect } from '../ui/LanguageSelect.jsx';

export function Login({ notice }) {
  const { t, api, session, loggedIn } = useApp();
  const [state, dispatch] = useReducer(loginTransition, null,
    () => initialLoginState({ browserUnlocked: session.browserUnlocked !== false, notice }));
  const [pin, setPin] = useState('');
  const [puk, setPuk] = useState('');
  const input = useRef(null);

  // A request to send: send it once and feed the answer back.
  useEffect(() => {
    if (!state.request) return undefined;
    let live = true;
    api.login(state.request).then((result) => {
      if (live) dispatch({ type: 'response', result, now: Date.now() });
    });
    return () => { live = false; };
  }, [state.request]);

  // Locked out: count down the seconds, then ask for the PIN again.
  useEffect(() => {
    if (state.step !== 'locked') return undefined;
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), 1000);
    return () => clearInterval(timer);
  }, [state.step]);

  useEffect(() => {
    if (state.step === 'done') loggedIn(state.user, state.csrfToken);
    if (state.step === 'pin' || state.step === 'locked') setPin('');
    if (state.step === 'puk') setPuk('');
    if ((state.step === 'pin' || state.step === 'puk') && input.current) input.current.focus();
  }, [state.step]);

  const asking = state.step === 'puk' || (state.step === 'submitting' && state.returnStep === 'puk')
    ? 'puk' : 'pin';
  const busy = state.step === 'submitting' || state.step === 'done';
  const locked = state.step === 'locked';

  const submit = (event) => {
    event.preventDefault();
    if (asking === 'pin') dispatch({ type: 'submit-pin', pin });
    else dispatch({ type: 'submit-puk', puk });
  };

  const site = session.site || {};
  return (
    <div class="login-page">
      <main class="login-card">
        <p class="login-brand">
          <span class="brand-name">{t('app.title')}</span>
          {site.variant ? <span class="brand-variant">{site.variant}</span> : null}
        </p>
        {site.name ? <p class="login-site" data-test="site-name">{site.name}</p> : null}
        <h1 class="page-title" data-test="page-title">{t('login.title')}</h1>

        {state.notice ? <p class="notice" role="status" data-test="login-notice">{t(state.notice.key)}</p> : null}

        <form class="login-form" onSubmit={submit} noValidate aria-busy={busy ? 'true' : 'false'}>
          {asking === 'pin' ? (
            <div class="field">
              <label for="login-pin">{t('login.pin')}</label>
              <input id="login-pin" ref={input} data-test="pin" type="password" inputMode="numeric"
                autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={16}
                value={pin} onInput={(e) => setPin(e.currentTarget.value)}
                disabled={busy || locked} aria-describedby="login-pin-hint" />
              <p class="hint" id="login-pin-hint">{t('login.pinHint')}</p>
            </div>
          ) : (
            <div class="field">
              <label for="login-puk">{t('login.puk')}</label>
              <input id="login-puk" ref={input} data-test="puk" type="password" inputMode="numeric"
                autoComplete="off" autoCapitalize="off" spellCheck={false} maxLength={32}
                value={puk} onInput={(e) => setPuk(e.currentTarget.value)}
                disabled={busy || locked} aria-describedby="login-puk-hint" />
              <p class="hint" id="login-puk-hint">{t('login.pukHint')}</p>
            </div>
          )}

          {state.error ? (
            <p class="error" role="alert" data-test="login-error">{t(state.error.key, state.error.params)}</p>
          ) : null}

          <div class="actions">
            {asking === 'puk' ? (
              <button type="button" class="button secondary" data-test="login-back"
                disabled={busy || locked} onClick={() => dispatch({ type: 'back' })}>
                {t('common.back')}
              </button>
            ) : null}
            <button type="submit" class="button primary" data-test="login-submit" disabled={busy || locked}>
              {t('login.ok')}
            </button>
          </div>
        </form>
      </main>
      <footer class="footer">
        <LanguageSelect />
      </footer>
    </div>
  );
}
