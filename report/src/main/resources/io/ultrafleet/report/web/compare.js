/* Ultrafleet comparison report: figures side by side with their change, and time series of the runs overlaid. */
(function () {
  'use strict';
  var UF = window.UF;

  // Overlaid series: one chart per column that at least one run has.
  var OVERLAYS = [
    { id: 'ov-online', title: 'GPUs online', column: 'gpus_online', unit: 'GPUs' },
    { id: 'ov-demanded', title: 'GPUs demanded', column: 'gpus_demanded', unit: 'GPUs' },
    { id: 'ov-allocated', title: 'GPUs allocated', column: 'gpus_allocated', unit: 'GPUs' },
    { id: 'ov-busy', title: 'GPUs busy', column: 'gpus_busy', unit: 'GPUs' },
    { id: 'ov-queued', title: 'Jobs queued', column: 'jobs_queued', unit: 'jobs' },
    { id: 'ov-down', title: 'GPUs down', column: 'gpus_down', unit: 'GPUs' },
    { id: 'ov-slo', title: 'Inference SLO attainment', column: 'inference_slo_attainment', unit: '%', percent: true, group: 'inference' },
    { id: 'ov-replicas', title: 'Inference replicas', column: 'inference_replicas', unit: 'replicas', group: 'inference' },
    { id: 'ov-agents', title: 'Agent sessions', column: 'agent_sessions', unit: 'sessions', group: 'agentic work' },
    { id: 'ov-spend', title: 'Spend to date', column: 'spend_usd', unit: 'USD', cumulative: true, group: 'cost model' },
    { id: 'ov-power', title: 'Power', column: 'power_mw', unit: 'MW', group: 'energy model' },
    { id: 'ov-co2', title: 'Carbon to date', column: 'co2_t', unit: 'tCO2', cumulative: true, group: 'energy model' }
  ];

  /** Runs' series overlaid, one card per column; a column no run has shows the note. */
  UF.overlays = function (parent, runs, labels) {
    var starts = runs.map(function (r) { return r.summary.start; });
    var same = starts.every(function (s) { return s === starts[0]; });
    var grid = UF.add(parent, 'div', { class: 'grid' });
    OVERLAYS.forEach(function (o) {
      var lines = [], without = [];
      runs.forEach(function (r, i) {
        var v = UF.col(r.series, o.column);
        if (!v) { without.push(labels[i]); return; }
        if (o.cumulative) v = UF.cumulative(v);
        if (o.percent && Math.max.apply(null, v) <= 1) v = v.map(function (x) { return x * 100; });
        // Runs that start on different dates are overlaid by days since their own start.
        var origin = Date.parse(r.summary.start);
        var times = same ? r.series.time : r.series.time.map(function (t) { return t - origin; });
        lines.push({ name: labels[i], values: v, times: times, color: UF.palette[i % UF.palette.length] });
      });
      var note = without.length && lines.length ? 'Not in: ' + without.join(', ') + '.' : null;
      var spec = lines.length
        ? { option: UF.timeOption(null, lines, { y: o.unit, origin: same ? undefined : 0 }) }
        : { missing: 'Not in these scenarios: ' + (o.group ? 'no ' + o.group + ' (' : '') + 'no ' + o.column + ' column' + (o.group ? ')' : '') + '.' };
      UF.draw(grid, o.id, o.title, note, spec, true);
    });
  };

  function delta(f, v, base) {
    if (v === null || base === null) return { text: '–', num: true };
    var d = v - base;
    var rel = base !== 0 ? ' (' + (d >= 0 ? '+' : '') + UF.num(100 * d / Math.abs(base), 1) + ' %)' : '';
    var cls = d === 0 || f.better === 0 ? 'flat' : (d > 0) === (f.better > 0) ? 'up' : 'down';
    var mag = f.unit === 'h' ? UF.hours(Math.abs(d)) : f.unit === '%' ? UF.num(Math.abs(d), 2) + ' pp' : UF.value(Math.abs(d), f.unit);
    return { text: (d > 0 ? '▲ +' : d < 0 ? '▼ −' : '= ') + mag + rel, num: true, cls: cls };
  }

  /** The figures table: one column per run, with the change from the first. */
  UF.figureTable = function (parent, figures, labels) {
    var headers = ['Figure', { text: labels[0], num: true }];
    labels.slice(1).forEach(function (l) {
      headers.push({ text: l, num: true });
      headers.push({ text: 'change from ' + labels[0], num: true });
    });
    var rows = figures.map(function (f) {
      var row = [f.label, { text: UF.value(f.values[0], f.unit), num: true }];
      f.values.slice(1).forEach(function (v) {
        row.push({ text: UF.value(v, f.unit), num: true });
        row.push(delta(f, v, f.values[0]));
      });
      return row;
    });
    UF.table(parent, headers, rows);
  };

  /** Per figure, the change of each run from the first in percent, as bars. */
  function deltaChart(parent, figures, labels) {
    var usable = figures.filter(function (f) { return f.values[0] !== null && f.values[0] !== 0; });
    var spec = usable.length
      ? {
        option: {
          grid: { left: 260, right: 40, top: 36, bottom: 30 },
          legend: { top: 0 },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: function (v) { return v === null ? '–' : UF.num(v, 2) + ' %'; } },
          yAxis: { type: 'category', inverse: true, data: usable.map(function (f) { return f.label; }), axisLabel: { fontSize: 11 } },
          xAxis: { type: 'value', name: '% change', axisLabel: { formatter: '{value} %' } },
          series: labels.slice(1).map(function (l, i) {
            return {
              name: l, type: 'bar', barMaxWidth: 12, color: UF.palette[(i + 1) % UF.palette.length],
              data: usable.map(function (f) {
                var v = f.values[i + 1];
                return v === null ? null : 100 * (v - f.values[0]) / Math.abs(f.values[0]);
              })
            };
          })
        }
      }
      : { missing: 'No figure that the first run has and is not zero.' };
    spec.height = Math.max(300, 70 + usable.length * Math.max(18, 12 * (labels.length - 1)));
    var card = UF.draw(parent, 'deltas', 'Change from ' + labels[0] + ', per figure', 'Each run against the first, in percent of the first run\'s value.', spec);
    return card;
  }

  UF.pages.compare = function (data, app) {
    var labels = data.runs.map(function (r) { return r.label; });
    UF.add(app, 'h1', {}, 'Ultrafleet comparison: ' + labels.join(' vs ') );
    UF.add(app, 'p', { class: 'subtitle' }, 'Figures side by side with the change from the first run; time series overlaid.');
    UF.table(app, ['Run', 'Scenario', { text: 'Seed', num: true }, 'Period'], data.runs.map(function (r) {
      return [r.label, r.summary.scenario, { text: String(r.summary.seed), num: true },
        r.summary.start.slice(0, 10) + ' to ' + UF.day(Date.parse(r.summary.end) - 1)];
    }));
    UF.add(app, 'h2', {}, 'Figures');
    var cols = UF.add(app, 'div', { class: labels.length > 2 ? '' : 'columns' });
    UF.figureTable(UF.add(cols, 'div'), data.figures, labels);
    deltaChart(UF.add(cols, 'div', { style: labels.length > 2 ? 'margin-top:16px' : '' }), data.figures, labels);
    UF.add(app, 'h2', {}, 'Over time');
    UF.overlays(app, data.runs, labels);
  };
})();
