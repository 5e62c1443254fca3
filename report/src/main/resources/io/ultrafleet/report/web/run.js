/* Ultrafleet run report: headline figures, charts, the summary table and the scenario's key inputs. */
(function () {
  'use strict';
  var UF = window.UF;

  function missing(what) {
    return { missing: 'Not in this scenario: ' + what + '.' };
  }

  function noSeries(run) {
    return run.series ? null : { missing: 'No timeseries.csv in this run directory, so no chart over time.' };
  }

  // Each chart: {id, title, note, build(run) -> {option} | {missing}, small}.
  var CHARTS = [
    {
      id: 'capacity', title: 'Capacity ramp and demand',
      note: 'GPUs in the fleet as deliveries land, against GPUs asked for by running and waiting jobs (inference replicas included, elastic jobs at full size).',
      build: function (run) {
        var ts = run.series, on = UF.col(ts, 'gpus_online');
        if (!ts) return noSeries(run);
        if (!on) return missing('no gpus_online column');
        var lines = [{ name: 'GPUs online', values: on, area: true }];
        var demand = UF.col(ts, 'gpus_demanded');
        if (demand) lines.push({ name: 'GPUs demanded (running and waiting jobs)', values: demand });
        var inf = UF.col(ts, 'inference_gpus');
        if (inf) lines.push({ name: 'GPUs held by inference replicas', values: inf });
        return { option: UF.timeOption(ts.time, lines, { y: 'GPUs' }) };
      }
    },
    {
      id: 'gpu-use', title: 'GPU allocation and busy',
      note: 'Mean GPUs held by jobs (whole trays or racks) and computed on, with GPUs out of service at the end of each point.',
      build: function (run) {
        var ts = run.series;
        if (!ts) return noSeries(run);
        var alloc = UF.col(ts, 'gpus_allocated'), busy = UF.col(ts, 'gpus_busy');
        if (!alloc && !busy) return missing('no gpus_allocated or gpus_busy column');
        var lines = [];
        if (UF.col(ts, 'gpus_online')) lines.push({ name: 'online', values: ts.columns.gpus_online, dashed: true, color: '#9ca3af' });
        if (busy) lines.push({ name: 'busy', values: busy, area: true, color: UF.palette[2] });
        if (alloc) lines.push({ name: 'allocated', values: alloc, color: UF.palette[0] });
        if (UF.col(ts, 'gpus_down')) lines.push({ name: 'down', values: ts.columns.gpus_down, area: true, color: UF.palette[3] });
        return { option: UF.timeOption(ts.time, lines, { y: 'GPUs' }) };
      }
    },
    {
      id: 'queue-length', title: 'Queue length by queue',
      note: 'Jobs waiting per queue (tenant/queue), mean over each point; each queue on its own scale.',
      build: function (run) {
        var ts = run.series;
        if (!ts) return noSeries(run);
        var qs = UF.cols(ts, 'jobs_queued.').map(function (c) { return { name: c.suffix, values: c.values }; });
        if (!qs.length && UF.col(ts, 'jobs_queued')) qs = [{ name: 'all queues', values: ts.columns.jobs_queued }];
        if (!qs.length) return missing('no jobs_queued columns');
        return { option: smallMultiples(ts.time, qs), height: 70 + 78 * qs.length };
      }
    },
    {
      id: 'wait-times', title: 'Wait before first start, by queue',
      note: 'From submission to first start, over the jobs that started: median, mean, 95th percentile and longest.',
      build: function (run) {
        var qs = (run.summary.queues || []).filter(function (q) { return q.wait_hours; });
        if (!qs.length) return missing('no queues with wait times in summary.json');
        var stats = [['p50', 'median'], ['mean', 'mean'], ['p95', '95th percentile'], ['max', 'longest']];
        return {
          option: {
            grid: { left: 140, right: 70, top: 40, bottom: 30 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: UF.hours },
            yAxis: { type: 'category', data: qs.map(function (q) { return q.name; }), inverse: true },
            xAxis: { type: 'value', name: 'hours', axisLabel: { formatter: UF.compact } },
            series: stats.map(function (s) {
              return {
                name: s[1], type: 'bar', barMaxWidth: 14,
                label: { show: true, position: 'right', fontSize: 10, formatter: function (p) { return UF.hours(p.value); } },
                data: qs.map(function (q) { return q.wait_hours[s[0]]; })
              };
            })
          }
        };
      }
    },
    {
      id: 'reliability', title: 'Training ETTR and GPU-hours lost by cause',
      build: function (run) {
        var r = run.summary.reliability;
        if (!r) return missing('no reliability section in summary.json');
        if (!r.failures_enabled) return missing('failures are off (reliability.failures_enabled is false)');
        var causes = Object.keys(r.gpu_hours_lost_by_cause || {});
        if (!causes.length) return missing('failures are on, but none cost GPU-hours in this run');
        var total = function (c) {
          var x = r.gpu_hours_lost_by_cause[c];
          return x.lost_work + x.restart + x.waiting_for_capacity + x.repair;
        };
        causes.sort(function (a, b) { return total(b) - total(a); });
        var parts = [['lost_work', 'work lost since checkpoint'], ['restart', 'restart'],
          ['waiting_for_capacity', 'waiting for capacity'], ['repair', 'hardware in repair']];
        return {
          option: {
            title: { text: 'ETTR ' + UF.num(r.ettr, 3), right: 10, top: 0, textStyle: { fontSize: 14, color: '#111827' } },
            grid: { left: 170, right: 30, top: 60, bottom: 30 },
            legend: { top: 26, left: 0 },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: function (v) { return UF.num(v, 0) + ' GPU-h'; } },
            yAxis: { type: 'category', data: causes, inverse: true, axisLabel: { fontSize: 11 } },
            xAxis: { type: 'value', name: 'GPU-hours', axisLabel: { formatter: UF.compact } },
            series: parts.map(function (p) {
              return { name: p[1], type: 'bar', stack: 'lost', barMaxWidth: 16, data: causes.map(function (c) { return r.gpu_hours_lost_by_cause[c][p[0]]; }) };
            })
          }
        };
      },
      note: 'Effective training time ratio (useful work over GPU time held) and where failure losses went.'
    },
    {
      id: 'inference', title: 'Inference: SLO attainment and replicas',
      note: 'Replicas held by all services (waiting, loading or serving), and the share of requests that met their latency targets.',
      build: function (run) {
        var ts = run.series;
        var rep = UF.col(ts, 'inference_replicas'), slo = UF.col(ts, 'inference_slo_attainment');
        if (!rep && !slo) return missing('no inference services (no inference_replicas or inference_slo_attainment column)');
        var lines = [];
        if (rep) lines.push({ name: 'replicas', values: rep, area: true });
        if (slo) {
          var pct = Math.max.apply(null, slo) <= 1 ? slo.map(function (v) { return v * 100; }) : slo;
          lines.push({ name: 'SLO attainment', values: pct, axis: 1, color: UF.palette[2] });
        }
        var spec = { option: UF.timeOption(ts.time, lines, { y: 'replicas', y2: '%', percent2: true }) };
        var svcs = run.summary.inference && run.summary.inference.services;
        if (svcs && svcs.length) {
          spec.after = function (card) {
            UF.table(card, ['Service', { text: 'SLO attainment', num: true }, { text: 'Tokens served', num: true }, { text: 'Most replicas', num: true }],
              svcs.map(function (s) {
                return [s.name, { text: UF.num(s.slo_attainment <= 1 ? s.slo_attainment * 100 : s.slo_attainment, 2) + ' %', num: true },
                  { text: UF.compact(s.tokens_served), num: true }, { text: UF.num(s.replicas_max, 0), num: true }];
              }));
          };
        }
        return spec;
      }
    },
    {
      id: 'agents', title: 'Agent sandboxes and CPU use',
      note: 'Agent sessions holding and waiting for a sandbox, and the vCPUs that sandboxes and RL rollouts hold against the CPU pools.',
      build: function (run) {
        var ts = run.series;
        var sessions = UF.col(ts, 'agent_sessions'), vcpus = UF.col(ts, 'agent_vcpus');
        if (!sessions && !vcpus) return missing('no agentic work (no agent_sessions or agent_vcpus column)');
        var lines = [];
        if (sessions) lines.push({ name: 'sessions', values: sessions });
        if (UF.col(ts, 'agent_sessions_waiting')) lines.push({ name: 'waiting', values: ts.columns.agent_sessions_waiting, color: UF.palette[3] });
        if (vcpus) lines.push({ name: 'sandbox vCPUs', values: vcpus, axis: 1, color: UF.palette[2] });
        if (UF.col(ts, 'rollout_vcpus')) lines.push({ name: 'rollout vCPUs', values: ts.columns.rollout_vcpus, axis: 1, color: UF.palette[4] });
        if (vcpus && UF.col(ts, 'cpu_vcpus_online')) lines.push({ name: 'vCPUs online', values: ts.columns.cpu_vcpus_online, axis: 1, dashed: true, color: '#9ca3af' });
        return { option: UF.timeOption(ts.time, lines, { y: 'sessions', y2: 'vCPUs' }) };
      }
    },
    {
      id: 'cost-burn', title: 'Contract burn-down',
      note: 'Commitment left on each contract (committed minus spent); a contract without a known commitment shows its spend.',
      build: function (run) {
        var ts = run.series, spent = UF.cols(ts, 'contract_spent_usd.');
        if (!spent.length) return missing('no contracts (no contract_spent_usd.<contract> columns)');
        var committed = {};
        var cost = run.summary.cost || {};
        (cost.by_contract || []).forEach(function (c) {
          if (c.committed_usd !== null && c.committed_usd !== undefined) committed[c.name] = c.committed_usd;
        });
        // Each line starts at the run's start, where nothing is spent yet: a commitment starts whole.
        var times = [Date.parse(run.summary.start)].concat(ts.time);
        var lines = spent.map(function (c) {
          var k = committed[c.suffix];
          return k === undefined
            ? { name: c.suffix + ' (spent, no commitment)', times: times, values: [0].concat(c.values), dashed: true }
            : {
              name: c.suffix + ' (left of ' + UF.value(k, 'USD') + ')', times: times, area: true,
              values: [k].concat(c.values.map(function (v) { return k - v; }))
            };
        });
        return { option: UF.timeOption(ts.time, lines, { y: 'USD' }) };
      }
    },
    {
      id: 'cost-rate', title: 'Spend and GPU cost per GPU-hour',
      note: 'Spend to date (GPUs and CPUs); GPU spend over busy GPU-hours at each point, against the run\'s GPU cost per busy GPU-hour and per GPU-hour of useful training work.',
      build: function (run) {
        var ts = run.series, spend = UF.col(ts, 'spend_usd');
        if (!spend) return missing('no cost model (no spend_usd column)');
        var lines = [{ name: 'spend to date', values: UF.cumulative(spend), area: true }];
        var gpu = UF.col(ts, 'gpu_spend_usd'), busy = UF.col(ts, 'gpus_busy');
        var rate = gpu && busy;
        if (rate) {
          var h = ts.point_ms / 3600000;
          lines.push({
            name: 'GPU spend per busy GPU-hour', axis: 1, color: UF.palette[1],
            values: gpu.map(function (s, i) { return busy[i] > 0 ? s / (busy[i] * h) : null; })
          });
        }
        var cost = run.summary.cost || {};
        var option = UF.timeOption(ts.time, lines, { y: 'USD', y2: rate ? 'USD / GPU-h' : undefined });
        var marks = [];
        [['usd_per_busy_gpu_hour', 'busy', 'insideStartTop'], ['usd_per_useful_gpu_hour', 'useful training', 'insideEndTop']].forEach(function (m) {
          var v = cost[m[0]];
          if (v !== null && v !== undefined) {
            marks.push({ yAxis: v, label: { formatter: 'run: ' + UF.value(v, 'USD') + ' per ' + m[1] + ' GPU-h', position: m[2] } });
          }
        });
        if (rate && marks.length) {
          option.series[1].markLine = {
            symbol: 'none', silent: true, lineStyle: { color: UF.palette[3], type: 'dashed' }, data: marks
          };
        }
        return { option: option };
      }
    },
    {
      id: 'power', title: 'Power and carbon',
      note: 'Mean power drawn, and carbon emitted to date.',
      build: function (run) {
        var ts = run.series, mw = UF.col(ts, 'power_mw'), co2 = UF.col(ts, 'co2_t');
        if (!mw && !co2) return missing('no energy model (no power_mw or co2_t column)');
        var lines = [];
        if (mw) lines.push({ name: 'power (MW)', values: mw, area: true });
        if (co2) lines.push({ name: 'CO2 to date (t)', values: UF.cumulative(co2), axis: 1, color: UF.palette[8] });
        return { option: UF.timeOption(ts.time, lines, { y: 'MW', y2: co2 ? 'tCO2' : undefined }) };
      }
    }
  ];
  UF.RUN_CHARTS = CHARTS;

  /** One small chart per line, stacked, sharing the time axis, each with its own scale. */
  function smallMultiples(times, lines) {
    var grids = [], xs = [], ys = [], series = [], h = 78, top = 16;
    lines.forEach(function (l, i) {
      grids.push({ left: 64, right: 24, top: top + i * h, height: h - 26 });
      xs.push({ type: 'time', gridIndex: i, axisLabel: { show: i === lines.length - 1, hideOverlap: true } });
      ys.push({
        type: 'value', gridIndex: i, minInterval: 1, splitNumber: 2, axisLabel: { formatter: UF.compact, fontSize: 10 },
        name: l.name, nameLocation: 'end', nameGap: 4, nameTextStyle: { align: 'left', fontSize: 11, color: '#374151' }
      });
      series.push({
        name: l.name, type: 'line', xAxisIndex: i, yAxisIndex: i, showSymbol: false, sampling: 'lttb',
        lineStyle: { width: 1.4 }, areaStyle: { opacity: 0.15 }, color: UF.palette[i % UF.palette.length],
        data: UF.pairs(times, l.values)
      });
    });
    return {
      grid: grids, xAxis: xs, yAxis: ys, series: series,
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return UF.num(v, 1); } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      dataZoom: [{ type: 'inside', xAxisIndex: lines.map(function (l, i) { return i; }) }]
    };
  }

  var TILES = ['gpu_allocation_pct', 'gpu_busy_pct', 'jobs.completed', 'reliability.ettr',
    'reliability.gpu_hours_lost', 'cost.total_usd', 'cost.usd_per_useful_gpu_hour', 'energy.mwh', 'energy.tco2',
    'inference.tokens_served', 'agents.sessions'];

  function header(app, run) {
    var s = run.summary;
    UF.add(app, 'h1', {}, 'Ultrafleet run: ' + s.scenario);
    UF.add(app, 'p', { class: 'subtitle' }, 'Seed ' + s.seed + ' · ' + s.start.slice(0, 10) + ' to ' +
      UF.day(Date.parse(s.end) - 1) + ' · run directory ' + run.label);
    if (run.inputs && run.inputs.description) UF.add(app, 'p', { class: 'description' }, run.inputs.description);
  }

  function tiles(app, run, figures) {
    var box = UF.add(app, 'div', { class: 'tiles' });
    var s = run.summary;
    if (s.fleet) tile(box, UF.compact(s.fleet.gpus), 'GPUs at the end (' + UF.num(s.fleet.racks) + ' racks)');
    TILES.forEach(function (key) {
      var f = figures.filter(function (x) { return x.key === key; })[0];
      if (f && f.values[0] !== null) tile(box, UF.value(f.values[0], f.unit), f.label);
    });
  }

  function tile(box, value, label) {
    var t = UF.add(box, 'div', { class: 'tile' });
    UF.add(t, 'div', { class: 'value' }, value);
    UF.add(t, 'div', { class: 'label' }, label);
  }

  UF.pages.run = function (data, app) {
    var run = data.runs[0];
    header(app, run);
    tiles(app, run, data.figures);
    UF.add(app, 'h2', {}, 'Charts');
    var grid = UF.add(app, 'div', { class: 'grid' });
    CHARTS.forEach(function (c) {
      UF.draw(grid, c.id, c.title, c.note, c.build(run));
    });
    var cols = UF.add(app, 'div', { class: 'columns' });
    var left = UF.add(cols, 'div'), right = UF.add(cols, 'div');
    UF.add(left, 'h2', {}, 'Summary');
    UF.summaryTable(left, run.summary);
    UF.add(right, 'h2', {}, 'Key inputs of the scenario');
    UF.inputs(right, run.inputs);
  };
})();
