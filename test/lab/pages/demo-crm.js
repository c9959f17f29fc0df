// The demo CRM's use of Dialbar's page API (README, "Page API"): a Call button per row, a live
// call panel fed by events, and a screen pop (the caller's row highlighted) when a call rings.
// Open the page in two tabs: both follow the same calls.
const EXTENSION_ID = 'pblledkpgccemehljjoomehmljkfcbnl';
const status = document.getElementById('call-status');
const list = document.getElementById('call-list');
const buttons = [...document.querySelectorAll('button.call')];
buttons.forEach((b) => { b.disabled = true; });

const rowOf = (number) => document.querySelector(`tr[data-number="${CSS.escape(number)}"]`);
const words = { ringing: 'ringing', incoming: 'ringing in', dialing: 'dialling', talking: 'talking', held: 'on hold', ended: 'ended' };

function render(state) {
  status.textContent = `phone ${state.registration.state}, agent ${state.agent.state}${state.agent.busy ? ' (busy)' : ''}`;
  list.replaceChildren(
    ...state.calls.map((call) => {
      const item = document.createElement('li');
      const who = call.displayName ? `${call.displayName} (${call.number})` : call.number;
      const data = Object.entries(call.callData).map(([k, v]) => `${k}: ${v}`).join(', ');
      item.textContent = `${call.direction === 'incoming' ? 'From' : 'To'} ${who}: ${words[call.state] ?? call.state}${data ? ` · ${data}` : ''}`;
      return item;
    }),
  );
}

try {
  const { connect } = await import(`chrome-extension://${EXTENSION_ID}/dialbar-client.js`);
  const dialbar = await connect();
  window.dialbarDemo = { dialbar, pops: [] };
  render(dialbar.state);
  dialbar.on('state', ({ state }) => render(state));
  dialbar.on('ringing', ({ call }) => {
    if (call.direction !== 'incoming') return;
    const row = rowOf(call.number);
    window.dialbarDemo.pops.push(call.number);
    if (row) {
      row.classList.add('pop');
      row.scrollIntoView({ block: 'center' });
    }
  });
  dialbar.on('ended', ({ call }) => rowOf(call.number)?.classList.remove('pop'));
  for (const button of buttons) {
    button.disabled = false;
    button.addEventListener('click', () => {
      dialbar.dial(button.dataset.number).catch((error) => {
        status.textContent = error.message;
      });
    });
  }
} catch (error) {
  status.textContent = error?.message ?? 'Dialbar is not available on this page.';
}
