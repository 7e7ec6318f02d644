import { TextInput } from '@mantine/core';

/** The server takes at most this many characters of search text. */
export const MAX_SEARCH_LENGTH = 200;

/** A list screen's search box (its text goes to the `q` filter). */
export function SearchInput({ value, onChange, placeholder, width }: { value: string; onChange: (v: string) => void; placeholder: string; width: number }) {
  return <TextInput label="Search" type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.currentTarget.value)} maxLength={MAX_SEARCH_LENGTH} w={width} />;
}
