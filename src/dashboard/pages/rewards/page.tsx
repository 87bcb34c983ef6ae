import { Box, Page, Tabs, WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';
import { useState } from 'react';
import '../../styles.css';
import { IntegrationsPanel } from '../../components/IntegrationsPanel';
import { LocalToasts } from '../../components/LocalToasts';
import { MembersPanel } from '../../components/MembersPanel';
import { ProgramOverview } from '../../components/ProgramOverview';
import { RedemptionsPanel } from '../../components/RedemptionsPanel';

const TABS = [
  { id: 'overview', title: 'Overview' },
  { id: 'members', title: 'Members' },
  { id: 'redemptions', title: 'Redemptions' },
  { id: 'integrations', title: 'Integrations' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/**
 * The staff dashboard page (a Wix dashboard page extension; also served locally at /dashboard): members and
 * their balances, redemptions, partner integrations, and the picture of the program.
 */
export default function RewardsPage() {
  const [tab, setTab] = useState<TabId>('overview');
  // Bumped after every change staff make, so the figures on other tabs are fetched again.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <WixDesignSystemProvider features={{ newColorsBranding: true }}>
      <div className="rb-page">
        <Page minWidth={0}>
          <Page.Header
            title="Rewards"
            subtitle="Members, balances, redemptions and the program at a glance"
          />
          <Page.Tail>
            <div className="rb-tabs">
              <Tabs
                dataHook="tabs"
                activeId={tab}
                items={TABS.map((t) => ({ id: t.id, title: t.title, dataHook: `tab-${t.id}` }))}
                onClick={(item) => setTab(item.id as TabId)}
              />
            </div>
          </Page.Tail>
          <Page.Content>
            <Box direction="vertical" paddingBottom="SP6">
              {tab === 'overview' ? <ProgramOverview version={version} /> : null}
              {tab === 'members' ? <MembersPanel onChanged={changed} /> : null}
              {tab === 'redemptions' ? <RedemptionsPanel version={version} onChanged={changed} /> : null}
              {tab === 'integrations' ? <IntegrationsPanel /> : null}
            </Box>
          </Page.Content>
        </Page>
      </div>
      <LocalToasts />
    </WixDesignSystemProvider>
  );
}
