// The display language list box (manual 7.11.2; mobile guide 7.1.3: on the login page and on
// the home page, in the lower part). The choice stays in this browser.
import languageNames from 'ews:language-names';
import { useApp } from './context.js';

export function LanguageSelect() {
  const { t, lang, languages, setLanguage } = useApp();
  return (
    <div class="language">
      <label for="language-select">{t('language.label')}</label>
      <select id="language-select" data-test="language-select" value={lang}
        onChange={(event) => setLanguage(event.currentTarget.value)}>
        {languages.map((id) => (
          <option key={id} value={id} lang={id} data-test={`language-option-${id}`}>
            {languageNames[id] || id}
          </option>
        ))}
      </select>
    </div>
  );
}
