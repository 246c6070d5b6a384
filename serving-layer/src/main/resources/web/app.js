// stocklambda live view: one stock's merged predictions, updated by server-sent events, and an overview of all stocks.
'use strict';

const state = { stock: null, rows: new Map(), horizon: null, source: null, live: 0 };
const $ = (id) => document.getElementById(id);
const pct = (x) => (x == null ? '-' : (100 * x).toFixed(1) + ' %');
const call = (p) => (p.up ? '\u25B2 up' : '\u25BC down');

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

async function loadHealth() {
  try {
    const h = await getJson('/api/health');
    $('health').textContent = `HBase: ${h.hbase} \u00B7 Elasticsearch: ${h.elasticsearch}`;
  } catch (e) {
    $('health').textContent = 'stores: ' + e.message;
  }
}

async function loadStocks() {
  const { stocks } = await getJson('/api/stocks');
  const select = $('stock-select');
  const current = select.value;
  select.innerHTML = '<option value="">pick a stock</option>' +
    stocks.map((s) => `<option value="${s.stock}">${s.stock} (${s.predictions}, to ${s.lastDate})</option>`).join('');
  if (current) select.value = current;
}

async function pickStock(stock) {
  state.stock = stock;
  state.rows = new Map();
  if (state.source) state.source.close();
  if (!stock) { render(); return; }
  const body = await getJson(`/api/stocks/${encodeURIComponent(stock)}/predictions?limit=250`);
  state.horizon = body.horizon;
  body.predictions.forEach((p) => state.rows.set(p.date, p));
  render();
  connect(stock);
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
    ? `${rows.length} predictions shown \u00B7 hit rate ${resolved.length ? pct(hits / resolved.length) : '-'} over ${resolved.length} resolved` +
      (state.horizon ? ` \u00B7 batch view up to ${state.horizon}, speed view after` : ' \u00B7 speed view only (no batch view yet)')
    : 'Pick a stock to see its closes, the calls made on them and how they turned out.';
  const tbody = $('predictions').querySelector('tbody');
  tbody.innerHTML = rows.slice().reverse().map((p) =>
    `<tr data-date="${p.date}" class="${p.date === fresh ? 'new' : ''}"><td>${p.date}</td><td>${p.layer}</td>` +
    `<td>${p.closes.length ? p.closes[p.closes.length - 1].toFixed(2) : '-'}</td><td>${p.probabilityUp.toFixed(3)}</td>` +
    `<td class="${p.up ? 'up' : 'down'}">${call(p)}</td>` +
    `<td>${p.actualUp == null ? 'open' : (p.actualUp ? 'up' : 'down') + (p.correct ? ' \u2713' : ' \u2717')}</td><td>${p.modelVersion}</td></tr>`).join('');
  drawChart(rows);
}

function drawChart(rows) {
  const svg = $('chart');
  const W = 900, H = 300, pad = 30;
  if (!rows.length) { svg.innerHTML = ''; return; }
  const closes = rows.map((p) => p.closes[p.closes.length - 1]);
  const lo = Math.min(...closes), hi = Math.max(...closes), span = hi - lo || 1;
  const x = (i) => pad + (rows.length === 1 ? 0 : (i * (W - 2 * pad)) / (rows.length - 1));
  const y = (c) => H - pad - ((c - lo) * (H - 2 * pad)) / span;
  let bands = '';
  const cut = state.horizon ? rows.findIndex((p) => p.date > state.horizon) : 0;
  const split = cut < 0 ? rows.length : cut;
  if (split > 0) bands += `<rect x="0" y="0" width="${x(Math.max(split - 1, 0))}" height="${H}" fill="#e8eef8"/>`;
  if (split < rows.length) bands += `<rect x="${split === 0 ? 0 : x(split - 1)}" y="0" width="${W}" height="${H}" fill="#fdf3e1"/>`;
  const line = rows.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(closes[i]).toFixed(1)}`).join('');
  const marks = rows.map((p, i) => {
    const cx = x(i), cy = y(closes[i]);
    const fill = p.actualUp == null ? '#bbb' : (p.correct ? '#1a7f37' : '#fff');
    const stroke = p.actualUp == null ? '#bbb' : (p.correct ? '#1a7f37' : '#cf222e');
    const tri = p.up ? `M${cx},${cy - 12}l-5,8h10z` : `M${cx},${cy + 12}l-5,-8h10z`;
    return `<path d="${tri}" fill="${p.up ? '#1a7f37' : '#cf222e'}"><title>${p.date} called ${p.up ? 'up' : 'down'} (P(up) ${p.probabilityUp.toFixed(3)})</title></path>` +
      `<circle cx="${cx}" cy="${cy}" r="3.5" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`;
  }).join('');
  svg.innerHTML = bands +
    `<text x="4" y="14" font-size="11" fill="#666">${hi.toFixed(2)}</text><text x="4" y="${H - 4}" font-size="11" fill="#666">${lo.toFixed(2)}</text>` +
    `<text x="${W - 4}" y="${H - 4}" font-size="11" fill="#666" text-anchor="end">${rows[0].date} \u2192 ${rows[rows.length - 1].date}</text>` +
    `<path d="${line}" fill="none" stroke="#1d2330" stroke-width="1.5"/>` + marks;
}

async function loadOverview() {
  try {
    const o = await getJson('/api/overview?limit=10');
    $('layer-counts').textContent = 'served: ' + Object.entries(o.servedByLayer).map(([l, n]) => `${n} ${l}`).join(', ') +
      (o.batchView ? ` \u00B7 batch view ${o.batchView.run} up to ${o.batchView.horizon}` : ' \u00B7 no batch view yet');
    $('accuracy').querySelector('tbody').innerHTML = o.accuracy.map((a) =>
      `<tr><td>${a.modelVersion}</td><td>${a.layer}</td><td>${a.resolved}</td><td>${pct(a.hitRate)}</td></tr>`).join('');
    $('confident').querySelector('tbody').innerHTML = o.mostConfident.map((p) =>
      `<tr><td><a href="#" data-stock="${p.stock}">${p.stock}</a></td><td>${p.date}</td><td class="${p.up ? 'up' : 'down'}">${call(p)}</td><td>${p.probabilityUp.toFixed(3)}</td></tr>`).join('');
    $('latest').querySelector('tbody').innerHTML = o.latest.map((p) =>
      `<tr><td><a href="#" data-stock="${p.stock}">${p.stock}</a></td><td>${p.date}</td><td class="${p.up ? 'up' : 'down'}">${call(p)}</td><td>${p.probabilityUp.toFixed(3)}</td><td>${p.layer}</td></tr>`).join('');
  } catch (e) {
    $('layer-counts').textContent = 'overview unavailable: ' + e.message;
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

loadHealth();
loadStocks().catch((e) => { $('stock-select').innerHTML = `<option value="">${e.message}</option>`; });
loadOverview();
render();
setInterval(loadOverview, 5000);
setInterval(loadHealth, 15000);
setInterval(() => loadStocks().catch(() => {}), 30000);
