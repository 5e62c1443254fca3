// Forecasts, as the server answers them: GET /v1/jobs/{id}/forecast (a queued job's start as p10/p50/p90 and its
// chances of starting within 1 h, 24 h and 7 d; a running job's end) and GET /v1/forecast?hours=H (bands of the fleet's
// allocation and each queue's length).
import { api, el, num, when, ApiError } from './api.js';

/** A share as a percentage; null means the forecast did not look that far ahead. */
function pct(v) {
  return typeof v === 'number' ? Math.round(v * 100) + ' %' : 'past the horizon';
}

/** A percentile instant of a forecast; null means after the forecast's horizon. */
export function instant(v, horizon) {
  return v ? when(v) : 'after ' + when(horizon);
}

/**
 * Shows the forecast of job {@code id} in {@code box}: a queued job's start, or a running job's end, as p10/p50/p90,
 * a queued job's chances of starting within 1 h, 24 h and 7 d, and what the forecast was made from. Its data-state
 * says what was shown.
 */
export async function showJobForecast(box, id) {
  let f;
  try {
    f = await api('/v1/jobs/' + id + '/forecast');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      box.dataset.state = 'unavailable';
      box.replaceChildren(el('span', { class: 'muted', text: 'forecast not available' }));
      return;
    }
    if (e instanceof ApiError && e.status === 503) {
      box.dataset.state = 'pending';
      box.replaceChildren(el('span', { class: 'muted', text: 'forecast not ready: ' + e.message }));
      return false;
    }
    box.dataset.state = 'error';
    box.replaceChildren(el('span', { class: 'error', text: 'forecast failed: ' + e.message }));
    return;
  }
  const band = f.start || f.end;
  if (!band) {
    box.dataset.state = 'empty';
    box.replaceChildren(el('span', { class: 'muted',
      text: f.endedAt ? 'the job ended at ' + when(f.endedAt) : 'no forecast for this job' }));
    return;
  }
  const what = f.start ? 'start' : 'end';
  const rows = [
    el('tr', {}, el('th', { text: '' }), el('th', { text: 'p10' }), el('th', { text: 'p50' }),
      el('th', { text: 'p90' })),
    el('tr', { 'data-percentiles': what }, el('td', { text: f.start ? 'Expected start' : 'Expected end' }),
      el('td', { text: instant(band.p10, f.horizon) }), el('td', { text: instant(band.p50, f.horizon) }),
      el('td', { text: instant(band.p90, f.horizon) })),
  ];
  if (f.start) {
    rows.push(el('tr', { 'data-chances': '' }, el('td', { text: 'Starts within' }),
      el('td', { text: '1 h: ' + pct(f.start.withinHour) }), el('td', { text: '24 h: ' + pct(f.start.withinDay) }),
      el('td', { text: '7 d: ' + pct(f.start.withinWeek) })));
  }
  const runs = f.replications === 1 ? '1 run' : num(f.replications) + ' runs';
  const note = 'From the state at ' + when(f.snapshotAt) + ': ' + runs + ' of the twin up to ' + when(f.horizon)
    + ', computed in ' + (f.tookMs / 1000).toFixed(1) + ' s' + (f.cached ? ' (kept: the state has not changed since)'
    : '') + '.';
  box.dataset.state = 'shown';
  box.replaceChildren(el('table', { class: 'forecast-table' }, ...rows), el('p', { class: 'muted', text: note }));
}

/**
 * The bands of a fleet forecast: [{name, axis, x, p10, p50, p90}], the GPUs allocated (axis 0) and each queue's
 * waiting jobs (axis 1), at the answer's times.
 */
export function bandsOf(answer) {
  const at = answer.at || [];
  const out = [];
  if (answer.allocatedGpus) out.push({ name: 'GPUs allocated', axis: 0, x: at, ...answer.allocatedGpus });
  for (const [queue, b] of Object.entries(answer.queueLength || {})) {
    out.push({ name: queue + ' queued', axis: 1, x: at, ...b });
  }
  return out;
}

/** Draws the forecast bands of the next {@code hours} in {@code box} (an ECharts chart), or says none is available. */
export async function showFleetForecast(box, chart, hours) {
  let answer;
  try {
    answer = await api('/v1/forecast?hours=' + hours);
  } catch (e) {
    const status = e instanceof ApiError ? e.status : 0;
    chart.clear();
    box.dataset.state = status === 404 ? 'unavailable' : status === 503 ? 'pending' : 'error';
    const text = status === 404 ? 'forecast not available'
      : status === 503 ? 'forecast not ready: ' + e.message : 'forecast failed: ' + e.message;
    chart.setOption({ title: { text, left: 'center', top: 'middle', textStyle: { color: '#5b6475', fontSize: 14 } } });
    return status !== 503;
  }
  const bands = bandsOf(answer);
  const series = [];
  bands.forEach((b, k) => {
    const axis = b.axis;
    const stack = 'band' + k;
    const xs = b.x.map((x) => Date.parse(x));
    series.push({ name: b.name + ' p10', type: 'line', stack, yAxisIndex: axis, symbol: 'none',
      lineStyle: { opacity: 0 }, data: xs.map((x, i) => [x, b.p10[i]]) });
    series.push({ name: b.name + ' p10-p90', type: 'line', stack, yAxisIndex: axis, symbol: 'none',
      lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.25 }, data: xs.map((x, i) => [x, b.p90[i] - b.p10[i]]) });
    series.push({ name: b.name, type: 'line', yAxisIndex: axis, symbol: 'none', data: xs.map((x, i) => [x, b.p50[i]]) });
  });
  box.dataset.state = bands.length ? 'shown' : 'empty';
  chart.setOption({
    animation: false,
    title: bands.length ? undefined : { text: 'no bands in the answer', left: 'center', top: 'middle' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, data: bands.map((b) => b.name) },
    grid: { left: 70, right: 70, top: 40, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: [{ type: 'value', name: 'GPUs' }, { type: 'value', name: 'jobs queued' }],
    series,
  }, true);
  return true;
}
