import { Button, Checkbox, Select } from '@mantine/core';
import type { useListState } from './listState';
import { useManufacturerOptions } from './manufacturerOptions';

type ListState = ReturnType<typeof useListState>;

/** A filter that is on ("true" in the URL) or off (absent). */
export function FilterCheckbox({ list, name, label }: { list: ListState; name: string; label: string }) {
  return <Checkbox label={label} checked={list.filters[name] === 'true'} onChange={(e) => list.setFilter(name, e.currentTarget.checked ? 'true' : null)} mb={8} />;
}

/** Clears every filter of the list; shown only while one is set. */
export function ClearFilters({ list }: { list: ListState }) {
  if (!list.active) return null;
  return (
    <Button variant="subtle" onClick={list.clear}>
      Clear filters
    </Button>
  );
}

/** The list's manufacturer filter (manufacturer_id in the URL), chosen by name. */
export function ManufacturerFilter({ list, w = 220 }: { list: ListState; w?: number }) {
  const manufacturers = useManufacturerOptions();
  return (
    <Select
      label="Manufacturer"
      placeholder="Any"
      data={manufacturers}
      value={list.filters.manufacturer_id || null}
      onChange={(v) => list.setFilter('manufacturer_id', v)}
      clearable
      searchable
      w={w}
    />
  );
}
