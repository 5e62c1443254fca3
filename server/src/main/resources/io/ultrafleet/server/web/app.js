// The dashboard: asks for a token once per browser tab, then shows the view the address names (#/fleet, #/queues,
// #/jobs, #/jobs/ID, #/charts) and refreshes it every second by polling the API (the fleet map only when its ETag
// changed), so changes reach an open page within about two seconds without a reload.
import { api, token, setToken, forget, whenRefused, el, num, when } from './api.js';
import { FleetMap } from './fleet-map.js';
import { renderQueues, JobsTable, JobPage } from './tables.js';
import { Charts } from './charts.js';

const POLL_MS = 1000;
const $ = (s) => document.querySelector(s);

const map = new FleetMap($('#fleet-map'), $('#map-tip'), $('#map-legend'));
const jobs = new JobsTable($('#view-jobs'));
const job = new JobPage($('#view-job'));
let charts = null;
const mapTag = {};
let me = null;
let ticks = 0;
let lastQueues = 0;
let running = false;
let timer = null;

window.ultrafleet = { map, ticks: () => ticks };

function route() {
  const h = location.hash || '#/fleet';
  const m = /^#\/jobs\/(\d+)$/.exec(h);
  if (m) return { view: 'job', id: Number(m[1]) };
  const v = h.replace(/^#\//, '');
  return { view: ['fleet', 'queues', 'jobs', 'charts'].includes(v) ? v : 'fleet' };
}

function showRoute() {
  const r = route();
  for (const s of document.querySelectorAll('.view')) {
    s.hidden = s.id !== 'view-' + r.view;
  }
  for (const a of document.querySelectorAll('#tabs a')) {
    a.classList.toggle('active', a.dataset.tab === (r.view === 'job' ? 'jobs' : r.view));
  }
  if (r.view === 'job') job.open(r.id);
  if (r.view === 'charts' && !charts) charts = new Charts($('#view-charts'));
  if (r.view === 'jobs') jobs.reset();
  tick();
}

function fleetSummary(f) {
  const stat = (label, value) => el('div', { class: 'stat' }, el('b', { text: value }), label);
  $('#fleet-summary').replaceChildren(
    stat('racks online', num(f.racksOnline)),
    stat('racks draining', num(f.racksDraining)),
    stat('GPUs online', num(f.gpusOnline)),
    stat('GPUs allocated', num(f.gpusAllocated)),
    stat('GPUs free', num(f.gpusFree)),
    stat('GPUs down', num(f.gpusDown)),
    ...f.items.map((c) => stat(c.site + ' ' + c.model, num(c.gpusAllocated) + ' / ' + num(c.gpusOnline))));
  $('#clock').textContent = when(f.at) + ' (x' + f.timeScale + ')';
}

async function refresh() {
  const r = route();
  if (r.view === 'fleet') {
    const [m, f] = await Promise.all([api('/v1/fleet/map', { etag: mapTag }), api('/v1/fleet')]);
    if (m) map.update(m);
    fleetSummary(f);
  } else if (r.view === 'queues') {
    const q = await api('/v1/queues');
    renderQueues($('#queues-table tbody'), q.items);
  } else if (r.view === 'jobs') {
    if (Date.now() - lastQueues > 10000) {
      lastQueues = Date.now();
      const q = await api('/v1/queues');
      jobs.setQueues(q.items.map((x) => x.name));
    }
    await jobs.refresh();
  } else if (r.view === 'job') {
    await job.refresh();
  } else if (r.view === 'charts') {
    await charts.refresh();
  }
}

/** Which server leads, from /readyz (no token needed): shown every few seconds. */
async function leader() {
  const r = await fetch('/readyz', { cache: 'no-store' });
  const b = await r.json().catch(() => ({}));
  let text;
  if (r.status !== 200) text = 'not ready: ' + (b.detail || r.status);
  else if (b.role === 'leader') text = 'this server leads (epoch ' + b.epoch + ')';
  else text = 'standby; leader ' + (b.leader || 'unknown');
  $('#leader').textContent = text;
  document.body.dataset.role = b.role || 'unready';
}

async function tick() {
  if (running || !me) return;
  running = true;
  try {
    if (ticks % 5 === 0) await leader();
    await refresh();
    ticks++;
    $('#live').classList.remove('stale');
    $('#live').title = 'updated ' + new Date().toLocaleTimeString();
    document.body.dataset.ready = 'true';
    document.body.dataset.ticks = String(ticks);
  } catch (e) {
    $('#live').classList.add('stale');
    $('#live').title = 'last update failed: ' + e.message;
  } finally {
    running = false;
  }
}

function askForToken(message) {
  me = null;
  if (timer) clearInterval(timer);
  timer = null;
  $('#sign-in-error').textContent = message || '';
  const d = $('#sign-in');
  if (!d.open) d.showModal();
  $('#token').focus();
}

async function signedIn() {
  try {
    me = await api('/v1/me');
  } catch (e) {
    forget();
    askForToken(e.message);
    return;
  }
  $('#sign-in').close();
  $('#who').textContent = me.admin ? 'admin' : 'tenant ' + me.tenant;
  document.body.dataset.who = me.admin ? 'admin' : me.tenant;
  showRoute();
  if (!timer) timer = setInterval(tick, POLL_MS);
}

whenRefused((detail) => {
  forget();
  askForToken('The server refused the token: ' + detail);
});

$('#sign-in-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const t = $('#token').value.trim();
  if (!t) return;
  setToken(t);
  $('#token').value = '';
  signedIn();
});
$('#sign-out').addEventListener('click', () => {
  forget();
  askForToken('Signed out.');
});
window.addEventListener('hashchange', showRoute);

if (token()) {
  signedIn();
} else {
  askForToken('');
}
