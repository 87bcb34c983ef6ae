import { Box, Button, Dropdown, FormField, Input } from '@wix/design-system';
import { useState } from 'react';
import { addIntegration } from '../../backend/dashboard.web';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import { SecretOnce } from './SecretOnce';

type Kind = 'webhook' | 'expys' | 'bonifiq';
const KINDS = [
  { id: 'webhook', value: 'Webhook source' },
  { id: 'expys', value: 'Expys-style API' },
  { id: 'bonifiq', value: 'BonifiQ-style PoS' },
];

/** What to show once, by what was added. */
function secretOf(credentials: { secret?: string; key?: string; token?: string }): {
  label: string;
  value: string;
} {
  if (credentials.secret) return { label: 'Signing secret', value: credentials.secret };
  if (credentials.token)
    return { label: 'API token : API key', value: `${credentials.token}:${credentials.key}` };
  return { label: 'Org key', value: credentials.key ?? '' };
}

export function AddIntegration(props: { onAdded: () => void }) {
  const [kind, setKind] = useState<Kind>('webhook');
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'live' | 'sandbox'>('live');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);

  const add = async () => {
    setBusy(true);
    try {
      const input = kind === 'expys' ? { kind, name: name.trim(), environment } : { kind, name: name.trim() };
      const added = await addIntegration(input);
      setSecret(secretOf(added.credentials));
      setName('');
      notify({ type: 'success', message: `Added ${added.integration.name}.` });
      props.onAdded();
    } catch (e) {
      notify({ type: 'error', message: plainError(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box direction="vertical" gap="SP3">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void add();
        }}
      >
        <Box gap="SP2" verticalAlign="bottom" flexWrap="wrap">
          <Box width="190px">
            <FormField label="Kind">
              <Dropdown
                dataHook="integration-kind"
                selectedId={kind}
                options={KINDS}
                onSelect={(o) => setKind(o.id as Kind)}
              />
            </FormField>
          </Box>
          <Box width="200px">
            <FormField
              label="Name"
              infoContent="Lowercase letters, digits and dashes; it is part of the webhook URL."
            >
              <Input
                dataHook="integration-name"
                value={name}
                placeholder="e.g. gym-door"
                onChange={(e) => setName(e.target.value)}
              />
            </FormField>
          </Box>
          {kind === 'expys' ? (
            <Box width="140px">
              <FormField label="Environment">
                <Dropdown
                  selectedId={environment}
                  options={[
                    { id: 'live', value: 'Live' },
                    { id: 'sandbox', value: 'Sandbox' },
                  ]}
                  onSelect={(o) => setEnvironment(o.id as 'live' | 'sandbox')}
                />
              </FormField>
            </Box>
          ) : null}
          <Button type="submit" dataHook="integration-add" disabled={busy || !name.trim()}>
            {busy ? 'Adding…' : 'Add'}
          </Button>
        </Box>
      </form>
      {secret ? (
        <SecretOnce label={secret.label} value={secret.value} onDone={() => setSecret(null)} />
      ) : null}
    </Box>
  );
}
