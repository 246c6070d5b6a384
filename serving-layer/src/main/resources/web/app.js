// stocklambda live view: one stock's merged predictions, updated by server-sent events, and an overview of all stocks.
// Every value from the API is written as text or as an attribute through the DOM, never parsed as HTML: a stock name or a
// model version is data, whatever characters it holds (the server's Content-Security-Policy also refuses inline scripts).
'use strict';

const state = { stock: null, rows: new Map(), horizon: null, source: null, live: 0 };
const $ = (id) => document.getElementById(id);
const pct = (x) => (x == null ? '-' : (100 * x).toFixed(1) + ' %');
const call = (p) => (p.up ? '\u25B2 up' : '\u25BC down');
const SVG = 'http://www.w3.org/2000/svg';

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => { if (v != null) node.setAttribute(k, String(v)); });
  children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
  return node;
}

/** A table row of cells: a string, or an element, or [text, class]. */
function row(attrs, cells) {
  return el('tr', attrs, ...cells.map((c) => (Array.isArray(c) ? el('td', { class: c[1] }, c[0]) : el('td', {}, c))));
}

function stockLink(stock) {
  return el('a', { href: '?stock=' + encodeURIComponent(stock), 'data-stock': stock }, stock);
}

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function loadHealth() {
  try {
    const h = await (await fetch('/api/health')).json(); // a 503 (degraded) body says why
    $('health').textContent = `${h.status} \u00B7 HBase: ${h.hbase} \u00B7 Elasticsearch: ${h.elasticsearch}` +
      ` \u00B7 feature drift: ${h.featureDrift}`;
  } catch (e) {
    $('health').textContent = 'stores: ' + e.message;
  }
}

/** Fills the stock list; returns the stocks, most predictions first. */
async function loadStocks() {
  const { stocks } = await getJson('/api/stocks');
  const select = $('stock-select');
  const current = select.value || state.stock;
  select.replaceChildren(el('option', { value: '' }, 'pick a stock'),
    ...stocks.map((s) => el('option', { value: s.stock }, `${s.stock} (${s.predictions}, to ${s.lastDate})`)));
  if (current) select.value = current;
  return stocks.slice().sort((a, b) => b.predictions - a.predictions);
}

async function pickStock(stock, fromUrl) {
  state.stock = stock || null;
  state.rows = new Map();
  if (state.source) state.source.close();
  if (!fromUrl) {
    const url = new URL(window.location.href);
    if (stock) url.searchParams.set('stock', stock); else url.searchParams.delete('stock');
    window.history.replaceState(null, '', url);
  }
  if (!stock) { render(); return; }
  const body = await getJson(`/api/stocks/${encodeURIComponent(stock)}/predictions?limit=250`);
  state.stock = body.stock || stock;
  state.horizon = body.horizon;
  body.predictions.forEach((p) => state.rows.set(p.date, p));
  render();
  connect(state.stock);
}

function connect(stock) {
  const source = new EventSource(`/api/live?stock=${encodeURIComponent(stock)}`);
  state.source = source;
  source.onopen = () => { $('live-status').textContent = 'live'; $('live-status').className = 'badge live'; };
  source.onerror = () => { $('live-status').textContent = 'reconnecting...'; $('live-status').className = 'badge'; };
  source.addEventListener('prediction', (event) => {
    const p = JSON.parse(event.data);
    if (p.stock !== state.stock) return;
    // the merge rule: at or below the batch horizon the batch view answers
    if (state.horizon && p.layer === 'speed' && p.date <= state.horizon) return;
    state.rows.set(p.date, p);
    state.live += 1;
    const badge = $('live-status');
    badge.textContent = `live \u00B7 ${state.live} new`;
    badge.className = 'badge flash';
    setTimeout(() => { badge.className = 'badge live'; }, 800);
    render(p.date);
  });
}

function sortedRows() {
  return [...state.rows.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}

function render(fresh) {
  const rows = sortedRows();
  const resolved = rows.filter((p) => p.actualUp != null);
  const hits = resolved.filter((p) => p.correct).length;
  $('stock-summary').textContent = state.stock
    ? `${state.stock}: ${rows.length} predictions shown \u00B7 hit rate ${resolved.length ? pct(hits / resolved.length) : '-'} over ${resolved.length} resolved` +
      (state.horizon ? ` \u00B7 batch view up to ${state.horizon}, speed view after` : ' \u00B7 speed view only (no batch view yet)')
    : 'Pick a stock to see its closes, the calls made on them and how they turned out.';
  $('predictions').querySelector('tbody').replaceChildren(...rows.slice().reverse().map((p) => row(
    { 'data-date': p.date, class: p.date === fresh ? 'new' : '' },
    [p.date, p.layer, p.closes.length ? p.closes[p.closes.length - 1].toFixed(2) : '-', p.probabilityUp.toFixed(3),
      [call(p), p.up ? 'up' : 'down'],
      p.actualUp == null ? 'open' : (p.actualUp ? 'up' : 'down') + (p.correct ? ' \u2713' : ' \u2717'), p.modelVersion])));
  drawChart(rows);
}

function drawChart(rows) {
  const svg = $('chart');
  const W = 900, H = 300, pad = 30;
  if (!rows.length) { svg.replaceChildren(); return; }
  const closes = rows.map((p) => p.closes[p.closes.length - 1]);
  const lo = Math.min(...closes), hi = Math.max(...closes), span = hi - lo || 1;
  const x = (i) => pad + (rows.length === 1 ? 0 : (i * (W - 2 * pad)) / (rows.length - 1));
  const y = (c) => H - pad - ((c - lo) * (H - 2 * pad)) / span;
  const parts = [];
  const cut = state.horizon ? rows.findIndex((p) => p.date > state.horizon) : 0;
  const split = cut < 0 ? rows.length : cut;
  if (split > 0) parts.push(el('svg:rect', { x: 0, y: 0, width: x(Math.max(split - 1, 0)), height: H, fill: '#e8eef8' }));
  if (split < rows.length) parts.push(el('svg:rect', { x: split === 0 ? 0 : x(split - 1), y: 0, width: W, height: H, fill: '#fdf3e1' }));
  parts.push(el('svg:text', { x: 4, y: 14, 'font-size': 11, fill: '#666' }, hi.toFixed(2)));
  parts.push(el('svg:text', { x: 4, y: H - 4, 'font-size': 11, fill: '#666' }, lo.toFixed(2)));
  parts.push(el('svg:text', { x: W - 4, y: H - 4, 'font-size': 11, fill: '#666', 'text-anchor': 'end' },
    `${rows[0].date} \u2192 ${rows[rows.length - 1].date}`));
  const line = rows.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(closes[i]).toFixed(1)}`).join('');
  parts.push(el('svg:path', { d: line, fill: 'none', stroke: '#1d2330', 'stroke-width': 1.5 }));
  rows.forEach((p, i) => {
    const cx = x(i), cy = y(closes[i]);
    const fill = p.actualUp == null ? '#bbb' : (p.correct ? '#1a7f37' : '#fff');
    const stroke = p.actualUp == null ? '#bbb' : (p.correct ? '#1a7f37' : '#cf222e');
    const tri = p.up ? `M${cx},${cy - 12}l-5,8h10z` : `M${cx},${cy + 12}l-5,-8h10z`;
    parts.push(el('svg:path', { d: tri, fill: p.up ? '#1a7f37' : '#cf222e' },
      el('svg:title', {}, `${p.date} called ${p.up ? 'up' : 'down'} (P(up) ${p.probabilityUp.toFixed(3)})`)));
    parts.push(el('svg:circle', { cx, cy, r: 3.5, fill, stroke, 'stroke-width': 1.5 }));
  });
  svg.replaceChildren(...parts);
}

/** A figure to four decimals, or '-' when there is none (an AUC with one class only). */
function fixed(v) {
  return typeof v === 'number' && isFinite(v) ? v.toFixed(4) : '-';
}

async function loadOverview() {
  try {
    const o = await getJson('/api/overview?limit=10');
    $('layer-counts').textContent = 'served: ' + Object.entries(o.servedByLayer).map(([l, n]) => `${n} ${l}`).join(', ') +
      (o.batchView ? ` \u00B7 batch view ${o.batchView.run} up to ${o.batchView.horizon}` : ' \u00B7 no batch view yet');
    $('accuracy').querySelector('tbody').replaceChildren(...o.accuracy.map((a) =>
      row({}, [a.modelVersion, a.sample, a.layer, a.resolved, pct(a.hitRate)])));
    $('live-figures').querySelector('tbody').replaceChildren(...o.live.map((a) =>
      row({}, [a.modelVersion, a.layer, a.resolved, pct(a.hitRate), fixed(a.auc), fixed(a.meanProbability),
        pct(a.upShare), fixed(a.brier)])));
    $('confident').querySelector('tbody').replaceChildren(...o.mostConfident.map((p) =>
      row({}, [stockLink(p.stock), p.date, [call(p), p.up ? 'up' : 'down'], p.probabilityUp.toFixed(3)])));
    $('latest').querySelector('tbody').replaceChildren(...o.latest.map((p) =>
      row({}, [stockLink(p.stock), p.date, [call(p), p.up ? 'up' : 'down'], p.probabilityUp.toFixed(3), p.layer])));
  } catch (e) {
    $('layer-counts').textContent = 'overview unavailable: ' + e.message;
  }
}

/**
 * The serving model's population stability per feature (Siddiqi's reading: below 0.1 stable, up to the threshold a
 * moderate shift, above it a significant one, which the health endpoint reports as degraded).
 */
async function loadDrift() {
  try {
    const d = await getJson('/api/drift');
    const m = d.models[0];
    $('drift-status').textContent = !m ? 'no live windows counted yet (a model with training bins has to score first)'
      : `model ${m.model}: ${m.windows} live windows since ${m.since}, shifted above ${d.degradedAbove}` +
        (m.windows < d.minWindows ? ` \u00B7 too few to judge (${d.minWindows} needed)` : '');
    const reading = (f) => (f.psi == null ? '-' : f.shifted ? ['shifted', 'down'] : f.psi >= 0.1 ? 'moderate' : 'stable');
    $('drift').querySelector('tbody').replaceChildren(...(m ? m.features : []).map((f) =>
      row({}, [f.feature, f.psi == null ? '-' : f.psi.toFixed(3), reading(f)])));
  } catch (e) {
    $('drift-status').textContent = 'drift unavailable: ' + e.message;
  }
}

document.addEventListener('click', (event) => {
  const stock = event.target.dataset && event.target.dataset.stock;
  if (stock) {
    event.preventDefault();
    $('stock-select').value = stock;
    pickStock(stock);
  }
});
$('stock-select').addEventListener('change', (event) => pickStock(event.target.value));

/** Opens on the stock the URL names (?stock=ibm.us), else on the one with the most predictions. */
async function start() {
  const asked = new URLSearchParams(window.location.search).get('stock');
  let stocks = [];
  try {
    stocks = await loadStocks();
  } catch (e) {
    $('stock-select').replaceChildren(el('option', { value: '' }, e.message));
  }
  const first = asked || (stocks.length ? stocks[0].stock : null);
  if (first) {
    $('stock-select').value = first;
    pickStock(first, Boolean(asked)).catch((e) => { $('stock-summary').textContent = `${first}: ${e.message}`; });
  } else {
    render();
  }
}

loadHealth();
loadOverview();
loadDrift();
start();
setInterval(loadOverview, 5000);
setInterval(loadDrift, 15000);
setInterval(loadHealth, 15000);
setInterval(() => loadStocks().catch(() => {}), 30000);
