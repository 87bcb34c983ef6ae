import { Box, Button, FormField, Input } from '@wix/design-system';
import { useState } from 'react';

/** One box for a site member id, an email or a CPF/CNPJ. */
export function MemberSearch(props: { busy: boolean; onSearch: (query: string) => void }) {
  const [query, setQuery] = useState('');
  const submit = () => {
    if (query.trim()) props.onSearch(query.trim());
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Box gap="SP2" verticalAlign="bottom" flexWrap="wrap">
        <Box flexGrow={1} minWidth="240px">
          <FormField label="Find a member">
            <Input
              dataHook="member-query"
              placeholder="Site member id, email or CPF/CNPJ"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </FormField>
        </Box>
        <Button type="submit" dataHook="member-find" disabled={props.busy || !query.trim()}>
          {props.busy ? 'Finding…' : 'Find'}
        </Button>
      </Box>
    </form>
  );
}
