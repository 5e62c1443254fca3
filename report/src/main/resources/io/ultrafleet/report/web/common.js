/* Ultrafleet reports: helpers every page shares. Plain browser JavaScript, no modules, no network. */
(function () {
  'use strict';

  var UF = (window.UF = { charts: {}, pages: {}, errors: [] });

  UF.palette = ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0891b2', '#db2777', '#65a30d', '#78716c'];

  /** An element: el('div', {class: 'x'}, [children or text]). */
  UF.el = function (tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    (children === undefined ? [] : [].concat(children)).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  };

  UF.add = function (parent, tag, attrs, children) {
    var e = UF.el(tag, attrs, children);
    parent.appendChild(e);
    return e;
  };

  // ---- numbers ------------------------------------------------------------------------------------------------------

  function round(v, digits) {
    var f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** 1234567 -> "1,234,567"; keeps up to `digits` decimals. */
  UF.num = function (v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    return Number(v).toLocaleString('en-US', { maximumFractionDigits: digits === undefined ? 2 : digits });
  };

  /** 2650709664 -> "2.65 B"; small numbers as they are. */
  UF.compact = function (v) {
    if (v === null || v === undefined || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a >= 1e12) return UF.num(v / 1e12, a >= 1e14 ? 0 : 2) + ' T';
    if (a >= 1e9) return round(v / 1e9, 2) + ' B';
    if (a >= 1e6) return round(v / 1e6, 2) + ' M';
    if (a >= 1e4) return round(v / 1e3, 1) + ' k';
    if (a >= 100) return UF.num(v, 0);
    if (a >= 1) return UF.num(v, 2);
    return UF.num(v, 3);
  };

  /** Hours as a reader says them: 0 min, 45 min, 4.1 h, 53.3 d. */
  UF.hours = function (h) {
    if (h === null || h === undefined || !isFinite(h)) return '–';
    var a = Math.abs(h);
    if (a < 1) return round(h * 60, 0) + ' min';
    if (a < 48) return round(h, 1) + ' h';
    return round(h / 24, 1) + ' d';
  };

  /** A value with its unit, compact. */
  UF.value = function (v, unit) {
    if (v === null || v === undefined) return '–';
    if (unit === '%') return UF.num(v, 1) + ' %';
    if (unit === 'h') return UF.hours(v);
    if (unit === 'USD') return '$' + UF.compact(v);
    if (!unit) return Math.abs(v) < 1 && v !== 0 ? UF.num(v, 4) : UF.compact(v);
    return UF.compact(v) + ' ' + unit;
  };

  UF.day = function (ms) {
    return new Date(ms).toISOString().slice(0, 10);
  };

  // ---- series -------------------------------------------------------------------------------------------------------

  /** A column of a run's series, or null. */
  UF.col = function (series, name) {
    return series && series.columns && series.columns[name] ? series.columns[name] : null;
  };

  /** Columns whose names start with `prefix`, as [{name, suffix, values}]. */
  UF.cols = function (series, prefix) {
    if (!series) return [];
    return Object.keys(series.columns)
      .filter(function (n) { return n.indexOf(prefix) === 0; })
      .map(function (n) { return { name: n, suffix: n.slice(prefix.length), values: series.columns[n] }; });
  };

  UF.cumulative = function (values) {
    var out = new Array(values.length), s = 0;
    for (var i = 0; i < values.length; i++) { s += values[i]; out[i] = s; }
    return out;
  };

  /** [[x, y], ...] for a time axis, or elapsed days when `origin` is given. */
  UF.pairs = function (times, values, origin) {
    var out = new Array(values.length);
    for (var i = 0; i < values.length; i++) {
      out[i] = [origin === undefined ? times[i] : (times[i] - origin) / 86400000, values[i]];
    }
    return out;
  };

  UF.pointLabel = function (series) {
    var h = series.point_ms / 3600000;
    return h % 24 === 0 ? (h === 24 ? 'day' : h / 24 + ' days') : h === 1 ? 'hour' : h + ' h';
  };

  // ---- cards and charts ---------------------------------------------------------------------------------------------

  /** A card with a title and a note; returns its body element. */
  UF.card = function (parent, id, title, note) {
    var card = UF.add(parent, 'section', { class: 'card', 'data-chart': id });
    UF.add(card, 'h3', {}, title);
    if (note) UF.add(card, 'p', { class: 'note' }, note);
    return card;
  };

  /** Draws `option` into a new chart element of `card`. */
  UF.chart = function (card, id, option, small, height) {
    var div = UF.add(card, 'div', { class: small ? 'chart small' : 'chart', id: 'chart-' + id });
    if (height) div.style.height = height + 'px';
    card.setAttribute('data-state', 'chart');
    var chart = echarts.init(div, null, { renderer: 'canvas' });
    option.animation = false;
    option.color = option.color || UF.palette;
    option.textStyle = { fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif' };
    chart.setOption(option);
    UF.charts[id] = chart;
    return chart;
  };

  /** The note shown where a chart has no data in this run. */
  UF.missing = function (card, text) {
    card.setAttribute('data-state', 'missing');
    UF.add(card, 'div', { class: 'missing' }, text);
  };

  /** Draws a spec {option} or {missing} into a new card. */
  UF.draw = function (parent, id, title, note, spec, small) {
    var card = UF.card(parent, id, title, note);
    if (spec.missing) UF.missing(card, spec.missing);
    else UF.chart(card, id, spec.option, small, spec.height);
    if (spec.after) spec.after(card);
    return card;
  };

  /**
   * A time chart. lines: [{name, values, axis (0|1), area, dashed, color, times}], opts: {y, y2, percent2, origin}.
   */
  UF.timeOption = function (times, lines, opts) {
    opts = opts || {};
    var yAxes = [{ type: 'value', name: opts.y || '', axisLabel: { formatter: UF.compact }, splitLine: { lineStyle: { color: '#eef0f3' } } }];
    if (opts.y2 !== undefined) {
      yAxes.push({
        type: 'value', name: opts.y2, splitLine: { show: false },
        min: opts.percent2 ? 0 : undefined, max: opts.percent2 ? 100 : undefined,
        axisLabel: { formatter: opts.percent2 ? '{value} %' : UF.compact }
      });
    }
    return {
      grid: { left: 64, right: opts.y2 !== undefined ? 64 : 24, top: 44, bottom: 56 },
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return UF.num(v, 2); } },
      xAxis: opts.origin === undefined
        ? { type: 'time', axisLabel: { hideOverlap: true } }
        : { type: 'value', name: 'days from start', nameLocation: 'middle', nameGap: 28 },
      yAxis: yAxes,
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
      series: lines.map(function (l) {
        return {
          name: l.name,
          type: 'line',
          yAxisIndex: l.axis || 0,
          showSymbol: false,
          sampling: 'lttb',
          color: l.color,
          lineStyle: { width: l.dashed ? 1.2 : 1.8, type: l.dashed ? 'dashed' : 'solid' },
          areaStyle: l.area ? { opacity: 0.12 } : undefined,
          data: UF.pairs(l.times || times, l.values, opts.origin)
        };
      })
    };
  };

  // ---- tables -------------------------------------------------------------------------------------------------------

  /** A table: headers, rows of cells (text or {text, num, cls}). */
  UF.table = function (parent, headers, rows) {
    var wrap = UF.add(parent, 'div', { class: 'table-wrap' });
    var t = UF.add(wrap, 'table');
    var head = UF.add(UF.add(t, 'thead'), 'tr');
    headers.forEach(function (h) {
      var spec = typeof h === 'object' ? h : { text: h };
      UF.add(head, 'th', spec.num ? { class: 'num' } : {}, spec.text);
    });
    var body = UF.add(t, 'tbody');
    rows.forEach(function (r) {
      var tr = UF.add(body, 'tr', r.section ? { class: 'section-row' } : {});
      if (r.section) {
        UF.add(tr, 'td', { colspan: headers.length }, r.section);
        return;
      }
      r.forEach(function (c) {
        var spec = c !== null && typeof c === 'object' ? c : { text: c === null || c === undefined ? '–' : String(c) };
        var cls = (spec.num ? 'num ' : '') + (spec.cls || '');
        UF.add(tr, 'td', cls.trim() ? { class: cls.trim() } : {}, spec.text);
      });
    });
    return wrap;
  };

  UF.link = function (parent, href, text) {
    return UF.add(parent, 'a', { href: href }, text);
  };

  // ---- start --------------------------------------------------------------------------------------------------------

  UF.start = function () {
    var app = document.getElementById('app');
    app.textContent = '';
    try {
      var data = JSON.parse(document.getElementById('report-data').textContent);
      UF.data = data;
      UF.pages[data.kind](data, app);
    } catch (e) {
      UF.errors.push(String(e && e.stack ? e.stack : e));
      UF.add(app, 'pre', {}, 'The report could not be drawn: ' + e);
      console.error(e);
    }
    window.addEventListener('resize', function () {
      Object.keys(UF.charts).forEach(function (k) { UF.charts[k].resize(); });
    });
    document.body.setAttribute('data-ready', UF.errors.length ? 'error' : 'true');
  };
})();
