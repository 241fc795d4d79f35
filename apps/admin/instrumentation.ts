/**
 * Runs once when the server starts: stamps every request with its TCP peer (the client address
 * the sign-in throttle uses), opens the store, runs the migrations, seeds an empty database
 * (demo accounts, the seed policy, the example history), prints the demo accounts and starts
 * working the job queue (what-if and Verify jobs; on PostgreSQL also those other processes of
 * the app submit), then brings the runtime's engine to the log's head (from the newest
 * snapshot), so the first page that reads the ring does not wait for that.
 */
export async function register(): Promise<void> {
  if (process.env['NEXT_RUNTIME'] !== 'nodejs' || process.env['NEXT_PHASE'] === 'phase-production-build') return;
  const { installPeerHeader, trustedProxies } = await import('./features/shared/client-address');
  trustedProxies();
  installPeerHeader();
  const { announce } = await import('./features/shared/announce');
  await announce();
  const { getJobQueue } = await import('./features/shared/job-queue');
  await getJobQueue();
  const { getApp } = await import('./features/shared/app-context');
  await (await getApp()).runtime.time();
}
