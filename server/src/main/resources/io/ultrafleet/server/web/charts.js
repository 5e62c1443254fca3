// The charts of the last hours (GET /v1/fleet/history) and of the forecast ahead (GET /v1/forecast), with ECharts
// served from the server's own jar.
import { api } from './api.js';
import { showFleetForecast } from './forecast.js';

export class Charts {
  constructor(root) {
    this.root = root;
    this.gpus = echarts.init(root.querySelector('#chart-gpus'));
    this.rates = echarts.init(root.querySelector('#chart-rates'));
    this.forecastBox = root.querySelector('#chart-forecast');
    this.forecast = echarts.init(this.forecastBox);
    this.hours = root.querySelector('#forecast-hours');
    this.historyHours = root.querySelector('#history-hours');
    this.note = root.querySelector('#history-note');
    this.lastHistory = 0;
    this.lastForecast = 0;
    this.hours.addEventListener('change', () => { this.lastForecast = 0; this.refresh(); });
    this.historyHours.addEventListener('change', () => { this.lastHistory = 0; this.refresh(); });
    window.addEventListener('resize', () => this.resize());
  }

  resize() {
    this.gpus.resize();
    this.rates.resize();
    this.forecast.resize();
  }

  async refresh() {
    const now = Date.now();
    this.resize();
    if (now - this.lastHistory >= 2000) {
      this.lastHistory = now;
      this.drawHistory(await api('/v1/fleet/history?hours=' + encodeURIComponent(this.historyHours.value)));
    }
    if (now - this.lastForecast >= 30000) {
      this.lastForecast = now;
      if (!(await showFleetForecast(this.forecastBox, this.forecast, this.hours.value))) {
        this.lastForecast = now - 25000; // not ready yet: ask again in about 5 s
      }
    }
  }

  drawHistory(h) {
    const items = h.items;
    const at = (it) => Date.parse(it.at);
    const series = [];
    const span = items.length ? { min: at(items[0]), max: at(items[items.length - 1]) } : {};
    for (const model of h.models) {
      series.push({ name: model + ' allocated', type: 'line', symbol: 'none', step: 'end',
        data: items.map((it) => [at(it), it.gpusAllocated[model] ?? null]) });
      series.push({ name: model + ' free', type: 'line', symbol: 'none', step: 'end', lineStyle: { type: 'dashed' },
        data: items.map((it) => [at(it), it.gpusFree[model] ?? null]) });
    }
    this.gpus.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'time', ...span },
      yAxis: { type: 'value', name: 'GPUs' },
      series,
    }, true);
    const rate = (k) => items.filter((it) => it[k] !== null).map((it) => [at(it), it[k]]);
    this.rates.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 30 },
      xAxis: { type: 'time', ...span },
      yAxis: { type: 'value', name: 'per minute' },
      series: [
        { name: 'submitted', type: 'line', symbol: 'none', data: rate('submittedPerMinute') },
        { name: 'started', type: 'line', symbol: 'none', data: rate('startedPerMinute') },
      ],
    }, true);
    this.note.textContent = 'of the server\'s clock (it runs at x' + h.timeScale + '): ' + items.length
      + ' points, from samples every ' + h.sampleSeconds + ' s of wall time, and one a minute of the server\'s clock'
      + ' before the last 12 hours or before this server took them.';
  }
}
