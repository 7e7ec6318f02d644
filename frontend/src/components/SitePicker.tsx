import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { sitesApi } from '../api';

/** Pick a site by code or name; searches the server as the user types. */
export function SitePicker({
  value,
  onChange,
  error,
  label = 'Site',
  required,
  clearable,
  placeholder = 'Type a code or name',
  w,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  error?: string | undefined;
  label?: string;
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  w?: number;
}) {
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // Search the server after a pause in typing; the label of the chosen site is not a search.
  useEffect(() => {
    const t = setTimeout(() => setQ(/ · /.test(search) ? '' : search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  const params = { q, page_size: 30, sort: 'code' };
  const list = useQuery({ queryKey: ['sites', params], queryFn: ({ signal }) => sitesApi.list(params, signal), staleTime: 30_000 });
  const selected = useQuery({
    queryKey: ['site', value],
    queryFn: ({ signal }) => sitesApi.get(value!, signal),
    enabled: !!value && !list.data?.items.some((s) => s.id === value),
  });
  const items = list.data?.items ?? [];
  const data = items.map((s) => ({ value: String(s.id), label: `${s.code} · ${s.name}` }));
  if (value && !items.some((s) => s.id === value) && selected.data) {
    data.unshift({ value: String(value), label: `${selected.data.code} · ${selected.data.name}` });
  }
  return (
    <Select
      label={label}
      required={required}
      searchable
      clearable={clearable}
      placeholder={placeholder}
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No site found'}
      error={error}
      w={w}
    />
  );
}
