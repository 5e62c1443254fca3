// The fleet map: every rack as one cell on a canvas (not one DOM node each, so 20,000 racks stay quick), grouped by
// site, then block; coloured by the tenant holding it, or as free, draining or down. Hovering a cell shows the rack and
// the jobs on it (GET /v1/fleet/racks/{rack}).
import { api, el, num } from './api.js';

export const COLOURS = {
  free: '#dfe4ec',
  draining: '#f29e1f',
  down: '#d62828',
  other: '#8a94a6',
};
const PALETTE = [
  '#2d5bd7', '#16a085', '#8e44ad', '#c0397b', '#2f9e44', '#1c7ed6', '#9c6b30', '#5f3dc4',
  '#0b7285', '#d9480f', '#5c940d', '#a61e4d',
];
const SITE_HEADER = 18;

export class FleetMap {
  constructor(canvas, tip, legend) {
    this.canvas = canvas;
    this.tip = tip;
    this.legend = legend;
    this.data = null;
    this.tenantColour = new Map();
    this.details = new Map();
    this.hovered = -1;
    this.layout = null;
    canvas.addEventListener('mousemove', (e) => this.hover(e));
    canvas.addEventListener('mouseleave', () => this.hideTip());
    window.addEventListener('resize', () => this.draw());
  }

  /** Takes the answer of GET /v1/fleet/map and draws it. */
  update(data) {
    this.data = data;
    this.details.clear();
    const names = data.tenants.filter((t) => t !== 'other tenants' && !this.tenantColour.has(t)).sort();
    for (const t of names) {
      this.tenantColour.set(t, PALETTE[this.tenantColour.size % PALETTE.length]);
    }
    this.draw();
    this.drawLegend();
    if (this.hovered >= 0 && this.lastMouse) {
      this.showTip(this.hovered, this.lastMouse);
    }
  }

  colourOf(i) {
    const d = this.data;
    const state = d.states[d.racks.state[i]];
    if (state === 'draining') return COLOURS.draining;
    if (state === 'down') return COLOURS.down;
    if (state === 'free') return COLOURS.free;
    const t = d.racks.tenant[i] < 0 ? null : d.tenants[d.racks.tenant[i]];
    if (t === null || t === 'other tenants') return COLOURS.other;
    return this.tenantColour.get(t) || COLOURS.other;
  }

  /** Places every rack: sites one under the other, each site's blocks as tiles in rows, racks in a tile by id. */
  place(width, maxHeight) {
    const d = this.data;
    const n = d.racks.id.length;
    const sites = d.sites.map((name) => ({ name, blocks: new Map() }));
    for (let i = 0; i < n; i++) {
      const site = sites[d.racks.site[i]];
      const b = d.racks.block[i];
      if (!site.blocks.has(b)) site.blocks.set(b, []);
      site.blocks.get(b).push(i);
    }
    for (const site of sites) {
      site.list = [...site.blocks.entries()].sort((a, b) => a[0] - b[0]);
      for (const [, racks] of site.list) racks.sort((a, b) => d.racks.id[a] - d.racks.id[b]);
      site.most = Math.max(1, ...site.list.map(([, r]) => r.length));
      site.cols = Math.ceil(Math.sqrt(site.most * 2));
      site.rows = Math.ceil(site.most / site.cols);
    }
    const shown = sites.filter((s) => s.list.length > 0);
    let chosen = null;
    for (let s = 14; s >= 2; s--) {
      const l = this.tryLayout(shown, width, s);
      chosen = l;
      if (l.height <= maxHeight) break;
    }
    return chosen;
  }

  tryLayout(sites, width, s) {
    const gap = Math.max(3, Math.round(s / 2));
    const x = new Float32Array(this.data.racks.id.length);
    const y = new Float32Array(this.data.racks.id.length);
    const tiles = [];
    const headers = [];
    let top = 0;
    for (const site of sites) {
      const tileW = site.cols * (s + 1) - 1;
      const tileH = site.rows * (s + 1) - 1;
      const perLine = Math.max(1, Math.floor((width + gap) / (tileW + gap)));
      headers.push({ name: site.name, y: top, racks: site.list.reduce((a, [, r]) => a + r.length, 0),
        blocks: site.list.length });
      top += SITE_HEADER;
      site.list.forEach(([block, racks], k) => {
        const tx = (k % perLine) * (tileW + gap);
        const ty = top + Math.floor(k / perLine) * (tileH + gap);
        tiles.push({ x: tx, y: ty, w: tileW, h: tileH, cols: site.cols, racks, block, site: site.name });
        racks.forEach((i, j) => {
          x[i] = tx + (j % site.cols) * (s + 1);
          y[i] = ty + Math.floor(j / site.cols) * (s + 1);
        });
      });
      top += Math.ceil(site.list.length / perLine) * (tileH + gap) + 6;
    }
    return { s, x, y, tiles, headers, height: Math.max(top, 40) };
  }

  draw() {
    if (!this.data) return;
    const c = this.canvas;
    const width = Math.max(200, c.parentElement.clientWidth - 16);
    const maxHeight = Math.max(420, window.innerHeight - 230);
    const l = this.place(width, maxHeight);
    this.layout = l;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(l.height * dpr);
    c.style.height = l.height + 'px';
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, l.height);
    g.font = '12px system-ui, sans-serif';
    g.fillStyle = '#1d2330';
    for (const h of l.headers) {
      g.fillText(h.name + ' \u2014 ' + num(h.racks) + ' racks in ' + num(h.blocks) + ' blocks', 0, h.y + 13);
    }
    const d = this.data;
    const s = l.s;
    for (let i = 0; i < d.racks.id.length; i++) {
      g.fillStyle = this.colourOf(i);
      g.fillRect(l.x[i], l.y[i], s, s);
      if (d.racks.downUnits[i] > 0 && d.states[d.racks.state[i]] !== 'down' && s >= 4) {
        g.fillStyle = COLOURS.down; // some units down: a red corner
        g.fillRect(l.x[i] + s / 2, l.y[i], s / 2, s / 2);
      }
    }
    c.dataset.racks = String(d.racks.id.length);
    c.dataset.version = String(d.version);
    c.dataset.cell = String(s);
  }

  drawLegend() {
    const d = this.data;
    const count = new Map();
    for (let i = 0; i < d.racks.id.length; i++) {
      const st = d.states[d.racks.state[i]];
      const key = st === 'used' ? (d.racks.tenant[i] < 0 ? 'other tenants' : d.tenants[d.racks.tenant[i]]) : st;
      count.set(key, (count.get(key) || 0) + 1);
    }
    const items = [];
    for (const [t, colour] of this.tenantColour) {
      if (count.has(t)) items.push([t, colour]);
    }
    if (count.has('other tenants')) items.push(['other tenants', COLOURS.other]);
    items.push(['free', COLOURS.free], ['draining', COLOURS.draining], ['down', COLOURS.down]);
    this.legend.replaceChildren(...items.map(([name, colour]) => {
      const swatch = el('i');
      swatch.style.background = colour;
      return el('span', { 'data-legend': name }, swatch, name + ' (' + num(count.get(name) || 0) + ')');
    }));
  }

  /** The index of the rack under canvas point (px, py) in CSS pixels, or -1. */
  rackAt(px, py) {
    const l = this.layout;
    if (!l) return -1;
    for (const t of l.tiles) {
      if (px >= t.x && px < t.x + t.w + 1 && py >= t.y && py < t.y + t.h + 1) {
        const col = Math.floor((px - t.x) / (l.s + 1));
        const row = Math.floor((py - t.y) / (l.s + 1));
        const j = row * t.cols + col;
        return col < t.cols && j < t.racks.length ? t.racks[j] : -1;
      }
    }
    return -1;
  }

  hover(e) {
    const r = this.canvas.getBoundingClientRect();
    const i = this.rackAt(e.clientX - r.left, e.clientY - r.top);
    this.lastMouse = { x: e.clientX - r.left, y: e.clientY - r.top };
    if (i < 0) {
      this.hideTip();
      return;
    }
    if (i !== this.hovered) {
      this.hovered = i;
      this.showTip(i, this.lastMouse);
    } else {
      this.moveTip(this.lastMouse);
    }
  }

  hideTip() {
    this.hovered = -1;
    this.tip.hidden = true;
  }

  moveTip(p) {
    const wrap = this.canvas.parentElement.clientWidth;
    this.tip.style.left = Math.min(p.x + 20, wrap - 320) + 'px';
    this.tip.style.top = p.y + 20 + 'px';
  }

  showTip(i, p) {
    const d = this.data;
    const id = d.racks.id[i];
    const state = d.states[d.racks.state[i]];
    const tenant = d.racks.tenant[i] < 0 ? null : d.tenants[d.racks.tenant[i]];
    const lines = [
      el('b', { text: 'Rack ' + id }),
      el('div', { text: d.sites[d.racks.site[i]] + ', block ' + d.racks.block[i] + ', ' + d.models[d.racks.model[i]] }),
      el('div', { text: state + (tenant ? ' \u2014 ' + tenant : '') + ': ' + d.racks.heldUnits[i] + ' of '
        + d.racks.units[i] + ' units held' + (d.racks.downUnits[i] ? ', ' + d.racks.downUnits[i] + ' down' : '') }),
    ];
    const jobs = el('div', { class: 'tip-jobs', text: d.racks.jobs[i] ? 'jobs: loading' : 'no jobs of yours' });
    this.tip.replaceChildren(...lines, jobs);
    this.tip.hidden = false;
    this.tip.dataset.rack = String(id);
    this.moveTip(p);
    this.loadJobs(id, jobs);
  }

  async loadJobs(id, into) {
    const key = id + '@' + this.data.version;
    let detail = this.details.get(key);
    if (!detail) {
      await new Promise((r) => setTimeout(r, 120));
      if (this.tip.dataset.rack !== String(id)) return;
      try {
        detail = await api('/v1/fleet/racks/' + id);
      } catch (e) {
        into.textContent = 'jobs: ' + e.message;
        return;
      }
      this.details.set(key, detail);
    }
    if (this.tip.dataset.rack !== String(id)) return;
    const items = detail.jobs.map((j) => el('li', { text: '#' + j.id + ' ' + j.name + ' (' + j.queue + ') '
      + j.state + ', ' + num(j.allocatedGpus || j.gpus) + ' GPUs' }));
    const other = detail.otherTenantsJobs ? [el('li', { text: detail.otherTenantsJobs + ' job(s) of other tenants' })] : [];
    into.replaceChildren(items.length + other.length ? el('ul', {}, ...items, ...other) : 'no jobs');
  }

  /** What the map shows of rack {@code id}, for tests and tools: state, tenant, jobs and where its cell is. */
  rack(id) {
    if (!this.data || !this.layout) return null;
    const i = this.data.racks.id.indexOf(id);
    if (i < 0) return null;
    const d = this.data;
    const dpr = window.devicePixelRatio || 1;
    return {
      state: d.states[d.racks.state[i]],
      tenant: d.racks.tenant[i] < 0 ? null : d.tenants[d.racks.tenant[i]],
      jobs: d.racks.jobs[i],
      colour: this.colourOf(i),
      x: Math.round((this.layout.x[i] + this.layout.s / 2) * dpr),
      y: Math.round((this.layout.y[i] + this.layout.s / 2) * dpr),
    };
  }
}
