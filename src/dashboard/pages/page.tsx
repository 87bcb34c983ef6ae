import { Card, Heading, Page, Text, WixDesignSystemProvider } from '@wix/design-system';
import '@wix/design-system/styles.global.css';

/** The app's dashboard page: where staff look after members, balances and redemptions. */
export default function RewardsPage() {
  return (
    <WixDesignSystemProvider>
      <Page>
        <Page.Header title="Rewards" subtitle="Members, balances and redemptions" />
        <Page.Content>
          <Card>
            <Card.Content>
              <Heading size="medium">Rewards program</Heading>
              <Text>Staff tools for the program appear here.</Text>
            </Card.Content>
          </Card>
        </Page.Content>
      </Page>
    </WixDesignSystemProvider>
  );
}
