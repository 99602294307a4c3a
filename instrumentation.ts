/** Runs once when a server instance starts; everything it does lives in lib/server/startup. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startInstance } = await import('./lib/server/startup');
    await startInstance();
  }
}
