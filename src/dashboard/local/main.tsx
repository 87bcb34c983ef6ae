import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import RewardsPage from '../pages/rewards/page';
import { staffToken } from './session';

// Served by this server at /dashboard: the same page Wix shows in the dashboard, signed in with the staff
// token from the start banner's link.
staffToken();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RewardsPage />
    </StrictMode>,
  );
}
