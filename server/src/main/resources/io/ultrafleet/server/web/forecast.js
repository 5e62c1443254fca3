// Forecasts, as the server answers them: GET /v1/jobs/{id}/forecast (a queued job's start as p10/p50/p90 and its
// chances of starting within 1 h, 24 h and 7 d; a running job's end) and GET /v1/forecast?hours=H (bands of the fleet's
// allocation and each queue's length). A server without these routes answers 404: the page then says "forecast not
// available". The answers are read by their p10/p50/p90 fields wherever they sit, so small changes of their layout
// still show.
import { api, el, num, when, ApiError } from './api.js';

const PCT = /^(.*?)[_-]?p(10|50|90)$/i;
const TIME_KEYS = ['at', 'time', 't', 'hour', 'from'];

function label(path) {
  return path.replace(/\.(\d+)\b/g, '[$1]').replace(/^\./, '') || 'value';
}

function show(v) {
  if (typeof v === 'number') return Number.isInteger(v) ? num(v) : String(Math.round(v * 1000) / 1000);
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return when(v);
  return String(v);
}

/** Every scalar of {@code node} with its dotted path. */
function flatten(node, path = '', out = []) {
  if (node === null || typeof node !== 'object') {
    out.push([path, node]);
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => flatten(v, path + '.' + i, out));
  } else {
    for (const [k, v] of Object.entries(node)) flatten(v, path + '.' + k, out);
  }
  return out;
}

/** Shows the forecast of job {@code id} in {@code box}; its data-state says what was shown. */
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
  const pairs = flatten(f).filter(([, v]) => v !== null && v !== undefined);
  const percentiles = new Map();
  const rest = [];
  for (const [path, v] of pairs) {
    const m = PCT.exec(path);
    if (m) {
      const group = label(m[1]) || 'forecast';
      if (!percentiles.has(group)) percentiles.set(group, {});
      percentiles.get(group)['p' + m[2]] = v;
    } else {
      rest.push([label(path), v]);
    }
  }
  const rows = [];
  if (percentiles.size) {
    rows.push(el('tr', {}, el('th', { text: '' }), el('th', { text: 'p10' }), el('th', { text: 'p50' }),
      el('th', { text: 'p90' })));
    for (const [group, p] of percentiles) {
      rows.push(el('tr', { 'data-percentiles': group }, el('td', { text: group }),
        el('td', { text: p.p10 === undefined ? '' : show(p.p10) }),
        el('td', { text: p.p50 === undefined ? '' : show(p.p50) }),
        el('td', { text: p.p90 === undefined ? '' : show(p.p90) })));
    }
  }
  const facts = rest.map(([k, v]) => el('tr', {}, el('td', { text: k }),
    el('td', { colspan: '3', text: typeof v === 'number' && v >= 0 && v <= 1 && /prob|within|chance/i.test(k)
      ? Math.round(v * 100) + ' %' : show(v) })));
  box.dataset.state = percentiles.size ? 'shown' : 'empty';
  box.replaceChildren(el('table', { class: 'forecast-table' }, ...rows, ...facts));
}

/**
 * The bands in a forecast answer: [{name, x: [...], p10: [...], p50: [...], p90: [...]}]. A band is an array of
 * points with p10/p50/p90 fields, or an object of p10/p50/p90 arrays; its times are its own time field, or the nearest
 * enclosing object's time array of the same length (else hours ahead, by index).
 */
export function bandsOf(answer) {
  const out = [];
  const timesOf = (node) => {
    const k = Object.keys(node).find((x) => TIME_KEYS.includes(x.toLowerCase()) && Array.isArray(node[x]));
    return k ? node[k] : null;
  };
  const walk = (node, path, name, times) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      const first = node.find((x) => x && typeof x === 'object');
      if (first && !Array.isArray(first) && Object.keys(first).some((k) => PCT.test(k))) {
        const key = (p) => Object.keys(first).find((k) => PCT.exec(k) && PCT.exec(k)[2] === p);
        const tk = Object.keys(first).find((k) => TIME_KEYS.includes(k.toLowerCase()));
        out.push({
          name: name || label(path),
          x: node.map((o, i) => (tk ? o[tk] : times && times.length === node.length ? times[i] : i)),
          p10: node.map((o) => o[key('10')]),
          p50: node.map((o) => o[key('50')]),
          p90: node.map((o) => o[key('90')]),
        });
        return;
      }
      node.forEach((v, i) => walk(v, path + '.' + i, v && typeof v === 'object' && (v.queue || v.name)
        ? (name ? name + ' ' : '') + (v.queue || v.name) : name, times));
      return;
    }
    const keys = Object.keys(node);
    const own = timesOf(node) || times;
    const cols = ['10', '50', '90'].map((p) => keys.find((k) => PCT.exec(k) && PCT.exec(k)[2] === p));
    if (cols.every((k) => k && Array.isArray(node[k]))) {
      const p50 = node[cols[1]];
      out.push({ name: name || label(path), x: own && own.length === p50.length ? own : p50.map((_, i) => i),
        p10: node[cols[0]], p50, p90: node[cols[2]] });
      return;
    }
    for (const k of keys) walk(node[k], path + '.' + k, (name ? name + ' ' : '') + k, own);
  };
  walk(answer, '', '', null);
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
    const gpus = /alloc|gpu/i.test(b.name);
    const axis = gpus ? 0 : 1;
    const stack = 'band' + k;
    const xs = b.x.map((x) => (typeof x === 'string' ? Date.parse(x) : x));
    series.push({ name: b.name + ' p10', type: 'line', stack, yAxisIndex: axis, symbol: 'none',
      lineStyle: { opacity: 0 }, data: xs.map((x, i) => [x, b.p10[i]]) });
    series.push({ name: b.name + ' p10-p90', type: 'line', stack, yAxisIndex: axis, symbol: 'none',
      lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.25 }, data: xs.map((x, i) => [x, b.p90[i] - b.p10[i]]) });
    series.push({ name: b.name, type: 'line', yAxisIndex: axis, symbol: 'none', data: xs.map((x, i) => [x, b.p50[i]]) });
  });
  const timeAxis = bands.length && typeof bands[0].x[0] === 'string';
  box.dataset.state = bands.length ? 'shown' : 'empty';
  chart.setOption({
    animation: false,
    title: bands.length ? undefined : { text: 'no bands in the answer', left: 'center', top: 'middle' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0, data: bands.map((b) => b.name) },
    grid: { left: 70, right: 70, top: 40, bottom: 30 },
    xAxis: { type: timeAxis ? 'time' : 'value', name: timeAxis ? '' : 'hours ahead' },
    yAxis: [{ type: 'value', name: 'GPUs' }, { type: 'value', name: 'jobs queued' }],
    series,
  }, true);
  return true;
}
