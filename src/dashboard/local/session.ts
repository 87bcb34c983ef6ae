const KEY = 'rewards-bridge:staff-token';

/**
 * The staff access token of the local page: taken from `#token=…` (the start banner's link) into
 * sessionStorage and off the address bar, so it is neither bookmarked nor sent anywhere but our calls.
 * The token is opaque here: the server decides what it means.
 */
export function staffToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    window.sessionStorage.setItem(KEY, fromHash);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return window.sessionStorage.getItem(KEY);
}
