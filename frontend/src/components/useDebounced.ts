import { useEffect, useRef, useState } from 'react';

/**
 * A text input's own state, committed after the user pauses typing (a search
 * box that does not fetch on every key). Follows `value` when it changes from
 * outside (back button, "Clear filters").
 */
export function useDebounced(value: string, commit: (value: string) => void, delay = 300): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const last = useRef(value);

  useEffect(() => {
    if (value !== last.current) {
      last.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === last.current) return;
    const t = setTimeout(() => {
      last.current = text;
      commitRef.current(text);
    }, delay);
    return () => clearTimeout(t);
  }, [text, delay]);

  return [text, setText];
}
