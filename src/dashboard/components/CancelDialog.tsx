import { CustomModalLayout, FormField, Input, Modal } from '@wix/design-system';
import { useState } from 'react';

/** Asks why before a redemption is canceled (the reason is kept in its history). */
export function CancelDialog(props: {
  open: boolean;
  busy: boolean;
  onCancel: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Modal isOpen={props.open} onRequestClose={props.onClose} shouldCloseOnOverlayClick>
      <CustomModalLayout
        dataHook="cancel-dialog"
        title="Cancel this redemption?"
        subtitle="The member gets back what they paid, once."
        primaryButtonText={props.busy ? 'Canceling…' : 'Cancel redemption'}
        primaryButtonProps={{
          skin: 'destructive',
          disabled: props.busy || !reason.trim(),
          dataHook: 'cancel-confirm',
        }}
        primaryButtonOnClick={() => props.onCancel(reason.trim())}
        secondaryButtonText="Keep it"
        secondaryButtonOnClick={props.onClose}
        onCloseButtonClick={props.onClose}
        width="min(520px, 92vw)"
        content={
          <FormField label="Reason">
            <Input
              dataHook="cancel-reason"
              value={reason}
              maxLength={200}
              placeholder="e.g. member asked to cancel"
              onChange={(e) => setReason(e.target.value)}
            />
          </FormField>
        }
      />
    </Modal>
  );
}
