/* Ultrafleet replications and sweeps: each figure's spread over seeds, or its value against the swept field. */
(function () {
  'use strict';
  var UF = window.UF;

  function runLinks(parent, labels) {
    var p = UF.add(parent, 'p', { class: 'note' }, 'Reports of each run: ');
    labels.forEach(function (l, i) {
      if (i) p.appendChild(document.createTextNode(' · '));
      UF.link(p, l + '/report.html', l);
    });
  }

  /** Per figure: each seed's value and the 95 % interval of the mean, relative to the mean. */
  function spreadChart(parent, figs) {
    var usable = figs.filter(function (f) { return f.mean !== 0; });
    var rel = function (f, v) { return 100 * (v - f.mean) / Math.abs(f.mean); };
    var spec = usable.length ? {
      option: {
        grid: { left: 260, right: 40, top: 36, bottom: 40 },
        legend: { top: 0 },
        tooltip: { trigger: 'item' },
        yAxis: { type: 'category', inverse: true, data: usable.map(function (f) { return f.label; }), axisLabel: { fontSize: 11 } },
        xAxis: { type: 'value', name: '% from the mean', nameLocation: 'middle', nameGap: 26, axisLabel: { formatter: '{value} %' } },
        series: [
          {
            name: '95 % confidence interval of the mean', type: 'custom', color: '#93c5fd',
            renderItem: function (params, api) {
              var lo = api.coord([api.value(1), api.value(0)]), hi = api.coord([api.value(2), api.value(0)]);
              var h = api.size([0, 1])[1] * 0.5;
              return { type: 'rect', shape: { x: lo[0], y: lo[1] - h / 2, width: Math.max(1, hi[0] - lo[0]), height: h }, style: { fill: '#bfdbfe' } };
            },
            encode: { x: [1, 2], y: 0 },
            data: usable.map(function (f, i) { return [i, rel(f, f.ci95_low), rel(f, f.ci95_high)]; })
          },
          {
            name: 'seeds', type: 'scatter', symbolSize: 8, color: UF.palette[0],
            data: [].concat.apply([], usable.map(function (f, i) {
              return f.values.map(function (v) { return [rel(f, v), i]; });
            }))
          }
        ]
      }
    } : { missing: 'No figure with a mean other than zero.' };
    spec.height = Math.max(320, 90 + usable.length * 22);
    UF.draw(parent, 'spread', 'Spread over the seeds', 'Each seed\'s value, and the 95 % confidence interval of the mean, in percent of the mean.', spec);
  }

  UF.pages.replications = function (data, app) {
    var rep = data.replications, labels = data.runs.map(function (r) { return r.label; });
    UF.add(app, 'h1', {}, 'Ultrafleet replications: ' + rep.scenario);
    UF.add(app, 'p', { class: 'subtitle' }, rep.replications + ' runs with seeds ' + rep.seeds.join(', ') +
      '. Means with 95 % confidence intervals (Student t, ' + (rep.replications - 1) + ' degrees of freedom).');
    runLinks(app, labels);
    UF.add(app, 'h2', {}, 'Figures');
    UF.table(app, ['Figure', { text: 'Mean', num: true }, { text: '95 % interval', num: true },
      { text: '±', num: true }, { text: 'Std. dev.', num: true }],
    rep.figures.map(function (f) {
      return [f.label, { text: UF.value(f.mean, f.unit), num: true },
        { text: UF.value(f.ci95_low, f.unit) + ' to ' + UF.value(f.ci95_high, f.unit), num: true },
        { text: UF.value(f.half_width, f.unit), num: true }, { text: UF.value(f.stdev, f.unit), num: true }];
    }));
    UF.add(app, 'h2', {}, 'Spread');
    spreadChart(UF.add(app, 'div', { class: 'grid' }), rep.figures);
    UF.add(app, 'h2', {}, 'Over time, one line per seed');
    UF.overlays(app, data.runs, labels);
  };

  function numeric(values) {
    return values.every(function (v) { return v.trim() !== '' && isFinite(Number(v)); });
  }

  UF.pages.sweep = function (data, app) {
    var sw = data.sweep, labels = sw.values.map(function (v) { return sw.path + '=' + v; });
    UF.add(app, 'h1', {}, 'Ultrafleet sweep: ' + sw.path);
    UF.add(app, 'p', { class: 'subtitle' }, sw.scenario + ', seed ' + sw.seed + ', ' + sw.path + ' set to ' +
      sw.values.join(', ') + '.');
    runLinks(app, sw.runs);
    UF.add(app, 'h2', {}, 'Figures');
    UF.table(app, ['Figure'].concat(sw.values.map(function (v) { return { text: v, num: true }; })),
      sw.figures.map(function (f) {
        return [f.label].concat(f.values.map(function (v) { return { text: UF.value(v, f.unit), num: true }; }));
      }));
    UF.add(app, 'h2', {}, 'Outcome against ' + sw.path);
    var grid = UF.add(app, 'div', { class: 'grid' });
    var isNum = numeric(sw.values);
    sw.figures.forEach(function (f, i) {
      var option = {
        grid: { left: 64, right: 24, top: 24, bottom: 40 },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return UF.value(v, f.unit); } },
        xAxis: isNum
          ? { type: 'value', name: sw.path, nameLocation: 'middle', nameGap: 26, scale: true }
          : { type: 'category', name: sw.path, nameLocation: 'middle', nameGap: 26, data: sw.values },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: UF.compact } },
        series: [{
          name: f.label, type: 'line', symbolSize: 8,
          data: isNum
            ? f.values.map(function (v, k) { return [Number(sw.values[k]), v]; }).sort(function (a, b) { return a[0] - b[0]; })
            : f.values
        }]
      };
      UF.draw(grid, 'sweep-' + i, f.label + (f.unit ? ' (' + f.unit + ')' : ''), null, { option: option }, true);
    });
    UF.add(app, 'h2', {}, 'Over time, one line per value');
    UF.overlays(app, data.runs, labels);
  };
})();
