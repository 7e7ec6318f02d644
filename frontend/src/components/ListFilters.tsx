import { Button, Checkbox } from '@mantine/core';
import type { useListState } from './listState';

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
