import { useQuery } from '@tanstack/react-query';
import { manufacturersApi } from '../api';

/** Every manufacturer as a select's options, by name; archived ones say so. */
export function useManufacturerOptions() {
  const q = { page_size: 200, sort: 'name', archived: 'all' };
  const query = useQuery({ queryKey: ['manufacturers', q], queryFn: ({ signal }) => manufacturersApi.list(q, signal), staleTime: 60_000 });
  return (query.data?.items ?? []).map((m) => ({ value: String(m.id), label: m.archived ? `${m.name} (archived)` : m.name }));
}
