import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ListParams, ListResponse } from '../api';
import { useListState } from './listState';
import { useDebounced } from './useDebounced';

/**
 * A list screen's state: filters, sort and page in the URL (useListState),
 * the search box debounced into the `q` filter, the page fetched with the
 * previous one kept on screen meanwhile, and the DataTable props that follow
 * from them (`table`: rows, sort, paging, loading and errors).
 */
export function useListScreen<T>(
  resource: string,
  filterNames: readonly string[],
  defaultSort: string,
  fetcher: (params: ListParams, signal: AbortSignal) => Promise<ListResponse<T>>,
) {
  const list = useListState(filterNames, defaultSort);
  const [q, setQ] = useDebounced(list.filters.q ?? '', (v) => list.setFilter('q', v));
  const query = useQuery({ queryKey: [resource, list.query], queryFn: ({ signal }) => fetcher(list.query, signal), placeholderData: keepPreviousData });
  const table = {
    rows: query.data?.items,
    sort: list.sort,
    onSort: list.setSort,
    loading: query.isFetching,
    error: query.error,
    onRetry: () => void query.refetch(),
    total: query.data?.total,
    page: list.page,
    onPage: list.setPage,
  };
  return { list, q, setQ, query, table };
}
