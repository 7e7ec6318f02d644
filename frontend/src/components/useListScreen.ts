import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ListParams, ListResponse } from '../api';
import { useListState } from './listState';
import { useDebounced } from './useDebounced';

/**
 * A list screen's state: filters, sort and page in the URL (useListState),
 * the search box debounced into the `q` filter, the page fetched with the
 * previous one kept on screen meanwhile, and the DataTable props that follow
 * from them (`table`: rows, sort, paging, loading and errors).
 *
 * A long list's count may stop short of the last match (`total_exact`
 * false); "Count all" asks for the exact count of the same filters, and
 * keeps asking for it while the person pages through them.
 *
 * `fixed` narrows the list for a screen that shows one record's share of it
 * (a site page's findings: `{ site_id }`); it is sent with every request but
 * is not a filter the person changes, so it stays out of the URL.
 */
export function useListScreen<T>(
  resource: string,
  filterNames: readonly string[],
  defaultSort: string,
  fetcher: (params: ListParams, signal: AbortSignal) => Promise<ListResponse<T>>,
  fixed?: ListParams,
) {
  const list = useListState(filterNames, defaultSort);
  const [q, setQ] = useDebounced(list.filters.q ?? '', (v) => list.setFilter('q', v));
  // Keyed by its values: callers pass a new object at every render.
  const fixedKey = JSON.stringify(fixed ?? {});
  const exactCount = useExactCount(JSON.stringify(list.filters) + fixedKey);
  const countAll = exactCount.exact;
  const params = useMemo(
    () => ({ ...list.query, ...(JSON.parse(fixedKey) as ListParams), ...(countAll ? { count: 'exact' } : {}) }),
    [list.query, fixedKey, countAll],
  );
  const query = useQuery({ queryKey: [resource, params], queryFn: ({ signal }) => fetcher(params, signal), placeholderData: keepPreviousData });
  const table = {
    rows: query.data?.items,
    sort: list.sort,
    onSort: list.setSort,
    loading: query.isFetching,
    error: query.error,
    onRetry: () => void query.refetch(),
    total: query.data?.total,
    totalExact: query.data?.total_exact ?? true,
    onCountAll: exactCount.countAll,
    page: list.page,
    onPage: list.setPage,
  };
  return { list, q, setQ, query, table };
}

/**
 * Whether the exact count was asked for ("Count all") for the filters that
 * key names: a change of filters goes back to the count that may stop.
 */
export function useExactCount(key: string) {
  const [countedFor, setCountedFor] = useState<string | null>(null);
  return { exact: countedFor === key, countAll: () => setCountedFor(key) };
}
