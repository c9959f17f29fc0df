// Test harness of the page API test pages: connects with the client the extension serves and
// records what it hears in window.pageApi (read by test/e2e/page-api.test.ts and the benchmark).
const EXTENSION_ID = new URLSearchParams(location.search).get('ext') || 'pblledkpgccemehljjoomehmljkfcbnl';
const api = (window.pageApi = { events: [], results: [], client: null, error: null, connected: false });
const status = document.getElementById('status');
const { connect } = await import(`chrome-extension://${EXTENSION_ID}/dialbar-client.js`);

const record = (type) => (detail) =>
  api.events.push({
    type,
    at: Date.now(),
    callId: detail.call?.id ?? null,
    callState: detail.call?.state ?? null,
    direction: detail.call?.direction ?? null,
    number: detail.call?.number ?? null,
    displayName: detail.call?.displayName ?? null,
    callData: detail.call?.callData ?? null,
    by: detail.by ?? null,
    durationSeconds: detail.durationSeconds ?? null,
    agent: detail.agent?.state ?? null,
    error: detail.error ?? null,
  });

api.connect = async () => {
  try {
    const client = await connect({ timeoutMs: 20000 });
    api.client = client;
    api.error = null;
    for (const type of ['ringing', 'answered', 'held', 'resumed', 'ended', 'agent', 'registration', 'error']) client.on(type, record(type));
    api.connected = true;
    status.textContent = `connected (${client.state?.registration.state})`;
  } catch (error) {
    api.error = { code: error.code, message: error.message };
    status.textContent = error.message;
  }
  return api.error;
};
api.run = async (name, ...args) => {
  try {
    return { ok: true, value: await api.client[name](...args) };
  } catch (error) {
    return { ok: false, code: error.code, message: error.message };
  }
};

document.getElementById('dial')?.addEventListener('click', async () => {
  api.clickedAt = performance.timeOrigin + performance.now();
  // Not connected (e.g. consent not given yet): connect again first, as a CRM would on a click.
  const refused = api.client ? null : await api.connect();
  api.results.push(refused ? { ok: false, ...refused } : await api.run('dial', 'customer', { callData: { 'X-Ticket': 'T-1' } }));
});

if (new URLSearchParams(location.search).get('frame') === '1') {
  const frame = document.createElement('iframe');
  frame.src = 'frame.html';
  frame.id = 'crm-frame';
  document.body.append(frame);
}
await api.connect();
