import { Box, Card, EmptyState, SectionHelper, Text } from '@wix/design-system';
import { useState } from 'react';
import { enrollMember, findMember, getMemberOffers } from '../../backend/dashboard.web';
import { notify } from '../lib/notify';
import { plainError } from '../lib/plain-errors';
import type { MemberOffers, MemberOverview } from '../lib/types';
import { AdjustBalance } from './AdjustBalance';
import { MemberSearch } from './MemberSearch';
import { MemberSummary } from './MemberSummary';
import { RedeemForMember } from './RedeemForMember';
import { RedemptionTable } from './RedemptionTable';

type Found = { member: MemberOverview; offers: MemberOffers };

/** Find a member, see their program and balances, and act for them. */
export function MembersPanel(props: { onChanged: () => void }) {
  const [query, setQuery] = useState<string | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (q: string) => {
    setBusy(true);
    setError(null);
    try {
      const member = await findMember({ query: q });
      const offers = await getMemberOffers({ memberId: member.memberId });
      setFound({ member, offers });
    } catch (e) {
      setFound(null);
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  };
  const search = (q: string) => {
    setQuery(q);
    void load(q);
  };
  /** After any change: the member's figures and the program's picture are fetched again. */
  const refresh = () => {
    props.onChanged();
    if (found) void load(found.member.memberId);
    else if (query) void load(query);
  };
  const enroll = async () => {
    if (!found) return;
    setBusy(true);
    try {
      await enrollMember({ memberId: found.member.memberId });
      notify({ type: 'success', message: 'Enrolled.' });
      refresh();
    } catch (e) {
      notify({ type: 'error', message: plainError(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box direction="vertical" gap="SP4">
      <Card>
        <Card.Content>
          <MemberSearch busy={busy} onSearch={search} />
        </Card.Content>
      </Card>
      {error ? (
        <SectionHelper appearance="danger" dataHook="member-error">
          {error}
        </SectionHelper>
      ) : null}
      {!found && !error ? (
        <EmptyState
          theme="section"
          title={busy ? 'Looking…' : 'Nobody selected'}
          subtitle="Find a member by their site member id, login email or CPF/CNPJ."
        />
      ) : null}
      {found ? (
        <>
          <MemberSummary member={found.member} busy={busy} onEnroll={enroll} />
          <div className="rb-grid rb-grid-2">
            <RedeemForMember memberId={found.member.memberId} offers={found.offers} onDone={refresh} />
            <AdjustBalance memberId={found.member.memberId} onDone={refresh} />
          </div>
          <Card>
            <Card.Header title="Recent redemptions" />
            <Card.Content>
              {found.member.recentRedemptions.length === 0 ? (
                <Text secondary>None yet.</Text>
              ) : (
                <RedemptionTable
                  items={found.member.recentRedemptions}
                  onChanged={refresh}
                  hook="member-redemptions"
                />
              )}
            </Card.Content>
          </Card>
        </>
      ) : null}
    </Box>
  );
}
