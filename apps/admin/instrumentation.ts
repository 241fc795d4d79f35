/**
 * Runs once when the server starts: stamps every request with its TCP peer (the client address
 * the sign-in throttle uses), opens the store, runs the migrations, seeds an empty database
 * (demo accounts, the seed policy, the example history) and prints the demo accounts.
 */
export async function register(): Promise<void> {
  if (process.env['NEXT_RUNTIME'] !== 'nodejs' || process.env['NEXT_PHASE'] === 'phase-production-build') return;
  const { installPeerHeader, trustedProxies } = await import('./features/shared/client-address');
  trustedProxies();
  installPeerHeader();
  const { announce } = await import('./features/shared/announce');
  await announce();
}
