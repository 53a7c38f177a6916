// On a phone the selected device's details come under the list of devices (styles.css: side by
// side from 64rem): bring them into view when they open, as a tap on a button would be expected to.
import { useEffect, useRef } from 'preact/hooks';

const STACKED = '(max-width: 63.99rem)';

/** A ref for the details; `key` changes when another device opens. */
export function useRevealOnPhone(key) {
  const ref = useRef(null);
  useEffect(() => {
    if (key === null || key === undefined || !ref.current) return;
    if (window.matchMedia && window.matchMedia(STACKED).matches) ref.current.scrollIntoView({ block: 'start' });
  }, [key]);
  return ref;
}
