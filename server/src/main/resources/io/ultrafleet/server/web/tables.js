// The queues table, the jobs table (filters and paging, newest first) and a job's own page (placement, decisions,
// forecast).
import { api, el, num, when, ApiError } from './api.js';
import { instant, showJobForecast } from './forecast.js';

/** Fills the queues table from GET /v1/queues. */
export function renderQueues(tbody, queues) {
  tbody.replaceChildren(...queues.map((q) => {
    const reasons = Object.entries(q.waitReasons || {}).slice(0, 3).map(([k, v]) => k + ' ' + num(v)).join(', ');
    return el('tr', { 'data-queue': q.name },
      el('td', { text: q.name }),
      el('td', { text: q.priorityClass }),
      el('td', { text: q.cohort || '' }),
      el('td', { class: 'num', text: num(q.nominalGpus) }),
      el('td', { class: 'num', text: q.ceilingGpus === null ? 'none' : num(q.ceilingGpus) }),
      el('td', { class: 'num', text: num(q.usedGpus) }),
      el('td', { class: 'num', text: num(q.borrowingGpus) }),
      el('td', { class: 'num', text: num(q.pending) }),
      el('td', { class: 'num', text: num(q.running) }),
      el('td', { text: reasons }));
  }));
}

/** How often the jobs table asks for the page's forecasts: one forecast serves all jobs, but a new one costs CPU. */
const FORECAST_EVERY_MS = 15000;

/** A job's expected start (queued) or end (running) as the list's forecast gives it: its p50, or past the horizon. */
function expected(j, horizon) {
  const f = j.forecast;
  const band = f && (f.start || f.end);
  if (!band) return '';
  const word = f.start ? 'starts ' : 'ends ';
  return word + instant(band.p50, horizon);
}

/**
 * The jobs table: one page at a time, newest first, with a stack of cursors to go back to newer pages. Each live job
 * shows its expected start or end from the server's forecast, asked for beside the page (never holding it up) and at
 * most every {@link FORECAST_EVERY_MS}.
 */
export class JobsTable {
  constructor(root) {
    this.note = root.querySelector('#jobs-forecast');
    this.expected = new Map();
    this.forecastAt = 0;
    this.forecastBusy = false;
    this.tbody = root.querySelector('#jobs-table tbody');
    this.queue = root.querySelector('#filter-queue');
    this.state = root.querySelector('#filter-state');
    this.limit = root.querySelector('#filter-limit');
    this.where = root.querySelector('#page-where');
    this.cursors = [null];
    this.next = null;
    for (const f of [this.queue, this.state, this.limit]) {
      f.addEventListener('change', () => this.reset());
    }
    root.querySelector('#page-older').addEventListener('click', () => {
      if (this.next) {
        this.cursors.push(this.next);
        this.refresh();
      }
    });
    root.querySelector('#page-newer').addEventListener('click', () => {
      if (this.cursors.length > 1) {
        this.cursors.pop();
        this.refresh();
      }
    });
  }

  setQueues(names) {
    const have = [...this.queue.options].map((o) => o.value).filter((v) => v);
    if (have.join('|') === names.join('|')) return;
    const chosen = this.queue.value;
    this.queue.replaceChildren(el('option', { value: '', text: 'all' }),
      ...names.map((n) => el('option', { value: n, text: n })));
    this.queue.value = names.includes(chosen) ? chosen : '';
  }

  reset() {
    this.cursors = [null];
    this.expected.clear();
    this.forecastAt = 0;
    this.refresh();
  }

  /** Asks for the forecasts of the page {@code q} shows, unless asked lately or still waiting for the last answer. */
  async loadForecasts(q) {
    if (this.forecastBusy || Date.now() - this.forecastAt < FORECAST_EVERY_MS) return;
    this.forecastBusy = true;
    try {
      const page = await api('/v1/jobs?' + q + '&forecast=true');
      const made = page.forecast;
      for (const j of page.items) this.expected.set(j.id, made ? expected(j, made.horizon) : '');
      this.note.textContent = made ? 'expected: forecast from the state at ' + when(made.snapshotAt) : '';
      this.note.dataset.state = 'shown';
    } catch (e) {
      this.note.textContent = e instanceof ApiError && e.status === 503
        ? 'expected: forecast not ready (' + e.message + ')' : 'expected: forecast failed (' + e.message + ')';
      this.note.dataset.state = 'unavailable';
    } finally {
      this.forecastBusy = false;
      this.forecastAt = Date.now();
    }
    this.fillExpected();
  }

  /** Writes each shown job's expected start or end into its row; a live job not yet forecast shows a dash. */
  fillExpected() {
    for (const tr of this.tbody.querySelectorAll('tr[data-job]')) {
      const cell = tr.querySelector('td.expected');
      const known = this.expected.get(Number(tr.dataset.job));
      cell.textContent = known !== undefined ? known : (tr.dataset.live ? '–' : '');
    }
  }

  async refresh() {
    const q = new URLSearchParams({ order: 'newest', limit: this.limit.value });
    if (this.queue.value) q.set('queue', this.queue.value);
    if (this.state.value) q.set('state', this.state.value);
    const after = this.cursors[this.cursors.length - 1];
    if (after) q.set('after', after);
    const page = await api('/v1/jobs?' + q);
    this.next = page.next;
    this.where.textContent = 'page ' + this.cursors.length + (page.items.length ? '' : ' (empty)');
    this.tbody.replaceChildren(...page.items.map((j) => {
      const live = j.state === 'queued' || j.state === 'running';
      if (!live) this.expected.delete(j.id);
      const tr = el('tr', { class: 'clickable', 'data-job': String(j.id), 'data-live': live ? 'yes' : null },
        el('td', { class: 'num', text: String(j.id) }),
        el('td', { text: j.name }),
        el('td', { text: j.queue }),
        el('td', { class: 'state-' + j.state, text: j.state }),
        el('td', { class: 'num', text: num(j.gpus) }),
        el('td', { text: when(j.submittedAt) }),
        el('td', { text: when(j.startedAt) }),
        el('td', { text: j.waitReason || '' }),
        el('td', { class: 'expected' }));
      tr.addEventListener('click', () => { location.hash = '#/jobs/' + j.id; });
      return tr;
    }));
    this.fillExpected();
    if (page.items.some((j) => j.state === 'queued' || j.state === 'running')) {
      this.loadForecasts(q); // not awaited: the table is live without it
    }
  }
}

/** A job's page: its facts and placement, its decisions, and its forecast. */
export class JobPage {
  constructor(root) {
    this.root = root;
    this.id = null;
    this.lastForecast = 0;
  }

  open(id) {
    if (this.id !== id) {
      this.id = id;
      this.lastForecast = 0;
      this.root.querySelector('#job-forecast').dataset.state = 'loading';
      this.root.querySelector('#job-forecast').textContent = 'loading';
    }
  }

  async refresh() {
    const id = this.id;
    const title = this.root.querySelector('#job-title');
    let job;
    try {
      job = await api('/v1/jobs/' + id);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        title.textContent = 'Job ' + id + ': not found';
        return;
      }
      throw e;
    }
    if (id !== this.id) return;
    title.textContent = 'Job ' + job.id + ': ' + job.name;
    const facts = [
      ['Queue', job.queue], ['State', job.state], ['GPUs', num(job.gpus)], ['Allocated', num(job.allocatedGpus)],
      ['Priority', job.priority], ['Runs', job.runs], ['Submitted', when(job.submittedAt)],
      ['Started', when(job.startedAt)], ['Ended', when(job.endedAt)],
      ['Waits for', job.waitDetail || job.waitReason || ''],
    ];
    this.root.querySelector('#job-facts').replaceChildren(...facts.flatMap(([k, v]) =>
      [el('dt', { text: k }), el('dd', { text: v === null || v === undefined ? '' : String(v) })]));
    const p = job.placement;
    this.root.querySelector('#job-placement').replaceChildren(p
      ? el('div', {}, el('div', { text: 'site ' + p.site + '; blocks ' + p.blocks.join(', ') }),
        el('div', { text: 'racks ' + p.racks.join(', ') }),
        el('div', { class: 'muted', text: p.nodes.length + ' nodes: ' + p.nodes.slice(0, 6).join(', ')
          + (p.nodes.length > 6 ? ', ...' : '') }))
      : el('span', { class: 'muted', text: job.state === 'running' ? '' : 'not running' }));
    const events = await api('/v1/jobs/' + id + '/events?limit=1000');
    this.root.querySelector('#job-events').replaceChildren(...events.items.map((e) =>
      el('li', {}, el('time', { text: when(e.at) }), e.text)));
    const now = Date.now();
    if (now - this.lastForecast > 5000 && (job.state === 'queued' || job.state === 'running')) {
      this.lastForecast = now;
      if ((await showJobForecast(this.root.querySelector('#job-forecast'), id)) === false) {
        this.lastForecast = now - 3000; // not ready yet: ask again in about 2 s
      }
    } else if (job.state !== 'queued' && job.state !== 'running') {
      const f = this.root.querySelector('#job-forecast');
      f.dataset.state = 'ended';
      f.textContent = 'the job has ended';
    }
  }
}
