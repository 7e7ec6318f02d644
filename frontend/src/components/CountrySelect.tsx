import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { countryOptions } from '../format/countries';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  /** An ISO alpha-2 code, or '' for none. */
  value: string;
  onChange: (code: string) => void;
};

/** A country picked by its name (or code) as typed: "Germany" finds DE, not Georgia. */
export function CountrySelect({ value, onChange, ...rest }: Props) {
  const data = useMemo(() => countryOptions(), []);
  return (
    <Select
      searchable
      clearable
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      nothingFoundMessage="No country by that name"
      limit={50}
      {...rest}
    />
  );
}
