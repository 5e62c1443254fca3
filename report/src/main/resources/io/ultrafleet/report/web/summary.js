/* Ultrafleet reports: the summary.json table and the scenario's key inputs, shared by run reports. */
(function () {
  'use strict';
  var UF = window.UF;

  var LABELS = {
    gpu_allocation_pct: 'GPU allocation (%)', gpu_busy_pct: 'GPU busy (%)', gpus: 'GPUs', vcpus: 'vCPUs',
    cpu_hosts: 'CPU hosts', gpu_hours: 'GPU-hours', ettr: 'ETTR', usd_per_useful_gpu_hour: 'USD per useful GPU-hour',
    implied_contract_usd_per_gpu_hour: 'implied contract USD per GPU-hour', mwh: 'MWh', peak_mw: 'peak MW',
    tco2: 'tCO2', slo_attainment: 'SLO attainment', vcpu_hours: 'vCPU-hours', total_usd: 'total USD',
    idle_commitment_usd: 'idle commitment USD', committed_usd: 'committed USD', spent_usd: 'spent USD'
  };

  function label(key) {
    return LABELS[key] || key.replace(/_/g, ' ');
  }

  function show(v) {
    if (typeof v === 'number') return UF.num(v, 4);
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    return v === null || v === undefined ? '–' : String(v);
  }

  /** Scalars of an object, nested objects flattened into "a / b" labels; arrays of objects are returned apart. */
  function flatten(obj, prefix, rows, tables) {
    Object.keys(obj).forEach(function (k) {
      var v = obj[k], name = prefix ? prefix + ' / ' + label(k) : label(k);
      if (Array.isArray(v)) {
        if (v.length && typeof v[0] === 'object') tables.push({ name: name, items: v });
        else rows.push([name, { text: v.map(show).join(', '), num: false }]);
      } else if (v !== null && typeof v === 'object') {
        if (!Object.keys(v).length) rows.push([name, 'none']);
        else flatten(v, name, rows, tables);
      } else {
        rows.push([name, { text: show(v), num: typeof v === 'number' }]);
      }
    });
  }

  UF.summaryTable = function (parent, s) {
    var rows = [], tables = [];
    var top = {};
    Object.keys(s).forEach(function (k) {
      if (s[k] === null || typeof s[k] !== 'object') top[k] = s[k];
    });
    rows.push({ section: 'Run' });
    flatten(top, '', rows, tables);
    Object.keys(s).forEach(function (k) {
      var v = s[k];
      if (v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        tables.push({ name: label(k), items: v });
        return;
      }
      rows.push({ section: label(k) });
      flatten(v, '', rows, tables);
    });
    UF.table(parent, ['Figure', { text: 'Value', num: true }], rows);
    tables.forEach(function (t) {
      UF.add(parent, 'h3', { style: 'margin:16px 0 8px' }, t.name);
      var cols = [];
      t.items.forEach(function (it) {
        var flat = [], sub = [];
        flatten(it, '', flat, sub);
        flat.forEach(function (r) { if (cols.indexOf(r[0]) < 0) cols.push(r[0]); });
      });
      var body = t.items.map(function (it) {
        var flat = [], sub = [];
        flatten(it, '', flat, sub);
        var byName = {};
        flat.forEach(function (r) { byName[r[0]] = r[1]; });
        return cols.map(function (c) { return byName[c] === undefined ? '–' : byName[c]; });
      });
      UF.table(parent, cols.map(function (c, i) { return i === 0 ? c : { text: c, num: true }; }), body);
    });
  };

  UF.inputs = function (parent, inputs) {
    if (!inputs) {
      var card = UF.add(parent, 'div', { class: 'card', 'data-chart': 'inputs', 'data-state': 'missing' });
      UF.add(card, 'div', { class: 'missing' }, 'No scenario.yaml in this run directory, so no key inputs.');
      return;
    }
    var rows = [], section = null;
    inputs.rows.forEach(function (r) {
      if (r[0] !== section) { section = r[0]; rows.push({ section: section }); }
      rows.push([r[1], r[2]]);
    });
    UF.table(parent, ['Input', 'Value'], rows);
    var known = ['apiVersion', 'name', 'description', 'start', 'horizon', 'seed', 'priorityClasses', 'fleet', 'tenants',
      'training', 'scheduler', 'reliability', 'outputs'];
    var other = inputs.sections.filter(function (s) { return known.indexOf(s) < 0; });
    if (other.length) {
      UF.add(parent, 'p', { class: 'note' }, 'Also in the scenario file: ' + other.join(', ') + ' (see the file below).');
    }
    var d = UF.add(parent, 'details');
    UF.add(d, 'summary', {}, 'The scenario file as run (scenario.yaml)');
    UF.add(d, 'pre', {}, inputs.yaml);
  };
})();
