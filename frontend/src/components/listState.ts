import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';

export const PAGE_SIZE = 50;

/**
 * A list's filters, sort and page live in the URL query, so a filtered list
 * can be shared and survives a reload. Empty values are dropped from the URL;
 * changing a filter or the sort goes back to page 1.
 */
export function useListState(filterNames: readonly string[], defaultSort: string) {
  const [params, setParams] = useSearchParams();
  // The query asked for but not yet rendered: two quick changes (pick a filter,
  // then type) must build on each other, not on the same stale URL.
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    if (pending.current && pending.current.toString() === params.toString()) pending.current = null;
  }, [params]);
  useEffect(() => {
    const forget = () => {
      pending.current = null;
    };
    window.addEventListener('popstate', forget);
    return () => window.removeEventListener('popstate', forget);
  }, []);

  const filters = useMemo(() => {
    const out: Record<string, string> = {};
    for (const name of filterNames) out[name] = params.get(name) ?? '';
    return out;
  }, [params, filterNames]);

  const page = Math.max(1, Number(params.get('page')) || 1);
  const sort = params.get('sort') || defaultSort;

  const update = useCallback(
    (changes: Record<string, string | number | null | undefined>, keepPage = false) => {
      const next = new URLSearchParams(pending.current ?? params);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null || v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      if (!keepPage && !('page' in changes)) next.delete('page');
      if (next.get('page') === '1') next.delete('page');
      pending.current = next;
      setParams(next, { replace: true });
    },
    [setParams, params],
  );

  const setFilter = useCallback((name: string, value: string | null) => update({ [name]: value }), [update]);
  const setPage = useCallback((p: number) => update({ page: p }, true), [update]);
  const setSort = useCallback((s: string) => update({ sort: s === defaultSort ? null : s }), [update, defaultSort]);
  const clear = useCallback(() => update(Object.fromEntries(filterNames.map((n) => [n, null]))), [update, filterNames]);
  const active = filterNames.some((n) => (filters[n] ?? '') !== '');

  /** The API query: filters, sort, page and the page size. */
  const query = useMemo(() => ({ ...filters, sort, page, page_size: PAGE_SIZE }), [filters, sort, page]);

  return { filters, page, sort, query, setFilter, setPage, setSort, clear, active, update };
}

/** The next sort when a column header is clicked: ascending, then descending. */
export function nextSort(current: string, key: string): string {
  if (current === key) return `-${key}`;
  return key;
}
