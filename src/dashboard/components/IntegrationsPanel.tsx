import {
  Badge,
  Box,
  Button,
  Card,
  CustomModalLayout,
  EmptyState,
  Modal,
  Table,
  Text,
} from '@wix/design-system';
import { useState } from 'react';
import { listIntegrations, revokeIntegration } from '../../backend/dashboard.web';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import type { Integration } from '../lib/types';
import { useLoad } from '../lib/use-call';
import { AddIntegration } from './AddIntegration';
import { LoadState } from './LoadState';

const KIND_WORDS = {
  webhook: 'Webhook source',
  expys: 'Expys-style API',
  bonifiq: 'BonifiQ-style PoS',
} as const;

/** Partner integrations: the webhook sources, Expys-style and BonifiQ-style callers; add and revoke. */
export function IntegrationsPanel() {
  const [list, reload] = useLoad(() => listIntegrations(), []);
  const [revoking, setRevoking] = useState<Integration | null>(null);
  const [busy, setBusy] = useState(false);

  const revoke = async (name: string) => {
    setBusy(true);
    try {
      await revokeIntegration({ name });
      notify({ type: 'success', message: `Revoked ${name}: its secret or keys no longer work.` });
      setRevoking(null);
      reload();
    } catch (e) {
      notify({ type: 'error', message: plainError(e) });
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    {
      title: 'Name',
      render: (i: Integration) => (
        <Text weight="bold" size="small">
          {i.name}
        </Text>
      ),
    },
    { title: 'Kind', render: (i: Integration) => <Text size="small">{KIND_WORDS[i.kind]}</Text> },
    {
      title: 'Environment',
      render: (i: Integration) => (
        <Badge size="small" skin={i.environment === 'live' ? 'success' : 'neutralLight'}>
          {i.environment}
        </Badge>
      ),
    },
    { title: 'Currency', render: (i: Integration) => <Text size="small">{i.currency}</Text> },
    {
      title: 'Added',
      render: (i: Integration) => <Text size="small">{new Date(i.createdAt).toLocaleDateString()}</Text>,
    },
    {
      title: '',
      render: (i: Integration) => (
        <Button
          size="small"
          skin="destructive"
          priority="secondary"
          dataHook={`revoke-${i.name}`}
          onClick={() => setRevoking(i)}
        >
          Revoke
        </Button>
      ),
    },
  ];

  return (
    <Box direction="vertical" gap="SP4">
      <Card>
        <Card.Header
          title="Add an integration"
          subtitle="Its secret or key is shown once, when it is added."
        />
        <Card.Content>
          <AddIntegration onAdded={reload} />
        </Card.Content>
      </Card>
      <Card>
        <Card.Header title="Integrations" />
        <Card.Content>
          <LoadState loaded={list} retry={reload}>
            {({ items }) =>
              items.length === 0 ? (
                <EmptyState
                  theme="section"
                  title="No integrations yet"
                  subtitle="Add a webhook source or a partner API above."
                />
              ) : (
                <div className="rb-scroll">
                  <Table
                    data={items}
                    columns={columns}
                    rowVerticalPadding="small"
                    dataHook="integrations-table"
                  >
                    <Table.Content />
                  </Table>
                </div>
              )
            }
          </LoadState>
        </Card.Content>
      </Card>
      <Modal isOpen={revoking !== null} onRequestClose={() => setRevoking(null)} shouldCloseOnOverlayClick>
        <CustomModalLayout
          dataHook="revoke-dialog"
          title={`Revoke ${revoking?.name ?? ''}?`}
          subtitle="Its signatures and keys stop working at once. This cannot be undone."
          primaryButtonText={busy ? 'Revoking…' : 'Revoke'}
          primaryButtonProps={{ skin: 'destructive', disabled: busy, dataHook: 'revoke-confirm' }}
          primaryButtonOnClick={() => revoking && revoke(revoking.name)}
          secondaryButtonText="Keep it"
          secondaryButtonOnClick={() => setRevoking(null)}
          onCloseButtonClick={() => setRevoking(null)}
          width="min(520px, 92vw)"
        />
      </Modal>
    </Box>
  );
}
