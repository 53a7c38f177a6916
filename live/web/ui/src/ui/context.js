// What every view may use: the session, the translation function, the API, navigation.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export const AppContext = createContext(null);

/**
 * @returns {{
 *   session: object, user: object | null, lang: string, languages: string[],
 *   t: (key: string, params?: object) => string, setLanguage: (id: string) => void,
 *   api: ReturnType<import('../lib/api.js').createApi>,
 *   refreshSession: () => Promise<object>, loggedIn: (user: object, csrfToken: string) => void,
 *   loggedOut: (mode: 'logout' | 'lock') => Promise<void>,
 *   setFlash: (message: {key: string, params?: object}) => void,
 *   takeFlash: () => ({key: string, params?: object} | null),
 * }}
 */
export function useApp() {
  return useContext(AppContext);
}
