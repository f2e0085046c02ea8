/// The explorer page's HTML, CSS and script; `{{title}}` and `{{data}}` are filled in by
/// ``ExplorerPage``. Plain SVG and about 300 lines of script, no library: the page must open from
/// disk with no network, and what it draws (a scatter, lines on outlines, stacked bars) needs no
/// more. Colours are the Okabe-Ito palette (distinct under the common colour-vision deficiencies),
/// and modes also differ by dash pattern.
enum ExplorerTemplate {
    static let page = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}: front explorer</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
  header { background: #1f3b57; color: white; padding: 14px 24px; }
  header h1 { margin: 0 0 6px; font-size: 22px; }
  header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
  header dt { opacity: 0.8; } header dd { margin: 0; } header code { background: rgba(255,255,255,0.12); padding: 1px 4px; border-radius: 3px; }
  main { display: grid; grid-template-columns: minmax(420px, 1fr) minmax(420px, 1fr); gap: 16px; padding: 16px 24px; }
  section { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 12px 14px; }
  section h2 { font-size: 16px; margin: 0 0 8px; }
  .wide { grid-column: 1 / -1; }
  svg text { font-size: 11px; fill: #333; }
  .point { cursor: pointer; }
  .point:focus { outline: none; stroke: #000; stroke-width: 3; }
  table { border-collapse: collapse; font-size: 12px; margin: 6px 0 12px; }
  caption { text-align: left; font-weight: 600; padding: 4px 0; }
  th, td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .muted { color: #666; font-size: 12px; }
  .legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
  .swatch { display: inline-block; width: 22px; height: 0; border-top: 4px solid; vertical-align: middle; margin-right: 4px; }
  label { font-size: 13px; }
  select, button { font-size: 13px; }
  @media (max-width: 900px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <dl id="facts"></dl>
</header>
<main>
  <section aria-labelledby="front-heading">
    <h2 id="front-heading">The front</h2>
    <p class="muted" id="front-help">Click a point, or focus the chart and use the arrow keys; shift-click or press <kbd>c</kbd> to compare with the selected point.</p>
    <div id="front" role="group" aria-describedby="front-help"></div>
    <div id="prices"></div>
  </section>
  <section aria-labelledby="map-heading">
    <h2 id="map-heading">Map of the selected point</h2>
    <div id="map"></div>
    <div class="legend" id="legend" aria-label="Transport modes"></div>
    <ul id="places" class="muted"></ul>
  </section>
  <section aria-labelledby="point-heading" aria-live="polite">
    <h2 id="point-heading">Selected point</h2>
    <div id="objectives"></div>
    <div id="breakdown"></div>
  </section>
  <section aria-labelledby="compare-heading">
    <h2 id="compare-heading">Compare</h2>
    <label for="compare">Compare the selected point with </label>
    <select id="compare"></select>
    <div id="comparison"></div>
  </section>
  <section class="wide" aria-labelledby="decision-heading">
    <h2 id="decision-heading">Decision of the selected point</h2>
    <div id="decision"></div>
  </section>
</main>
<script id="data" type="application/json">{{data}}</script>
<script>
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const $ = id => document.getElementById(id);
const NS = "http://www.w3.org/2000/svg";
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
const DASHES = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 2"];
let selected = 0, compared = null;

function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e9)) return v.toExponential(3);
  return v.toLocaleString("en-US", { maximumSignificantDigits: 5 });
}
const unit = o => D.units[o] ? " " + D.units[o] : "";
const label = o => o + (D.units[o] ? " [" + D.units[o] + "]" : "");
function svg(tag, attrs, parent) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}
function html(tag, text, parent, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const k in (attrs || {})) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}
function ticks(lo, hi, n) {
  if (!(hi > lo)) { const d = Math.abs(lo) || 1; lo -= d * 0.05; hi += d * 0.05; }
  const step0 = (hi - lo) / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 2.5, 5, 10].map(f => f * mag).find(s => s >= step0);
  const out = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(t);
  if (out[out.length - 1] < hi) out.push(out[out.length - 1] + step);
  return out;
}
function table(caption, columns, rows, parent, numeric) {
  const t = html("table", null, parent);
  html("caption", caption, t);
  const head = html("tr", null, html("thead", null, t));
  columns.forEach(c => html("th", c, head, { scope: "col" }));
  const body = html("tbody", null, t);
  rows.forEach(r => {
    const tr = html("tr", null, body);
    r.forEach((c, i) => html("td", c, tr, (numeric && numeric(i, c)) || /^-?[\d,.]+(e[-+]?\d+)?$/i.test(String(c)) ? { class: "n" } : {}));
  });
  return t;
}

// Header: the model, its database, method, category, scope and the command.
$("title").textContent = D.header.model;
[["Database", D.header.database], ["Front", D.header.method + ", " + D.points.length + " points"], ["Scope", D.header.scope],
 ["Indicators", D.header.indicators.map(i => i.id + " = " + i.category + " [" + i.unit + "]" + (i.method ? " (" + i.method + ")" : "")).join("; ") || "none"],
 ["Cost unit", D.header.costUnit], ["Command", D.header.command]].forEach(([k, v]) => {
  html("dt", k, $("facts"));
  const dd = html("dd", null, $("facts"));
  if (k === "Command") html("code", v, dd); else dd.textContent = v;
});

// Stable scales and orders across points: modes, parts, map extent, flow widths.
const modes = [], parts = [];
let maxFlow = 0;
const allPlaces = {};
D.points.forEach(p => {
  p.map.places.forEach(pl => { allPlaces[pl.id] = pl; });
  p.map.flows.forEach(f => { if (!modes.includes(f.mode)) modes.push(f.mode); maxFlow = Math.max(maxFlow, Math.abs(f.amount)); });
  p.breakdown.forEach(b => { if (!parts.includes(b.part)) parts.push(b.part); });
});
const colour = m => PALETTE[modes.indexOf(m) % PALETTE.length];
const dash = m => DASHES[modes.indexOf(m) % DASHES.length];
const partColour = p => PALETTE[parts.indexOf(p) % PALETTE.length];

function drawFront() {
  const box = $("front"); box.textContent = "";
  const [xo, yo] = D.objectives;
  const W = 600, H = 400, L = 84, R = 24, T = 16, B = 52;
  const tick = v => Math.abs(v) >= 1e5 ? v.toLocaleString("en-US", { notation: "compact", maximumSignificantDigits: 4 }) : fmt(v);
  const xs = [], ys = [];
  D.points.forEach(p => {
    xs.push(p.objectives[xo]); ys.push(p.objectives[yo]);
    if (p.bars && p.bars[xo]) xs.push(...p.bars[xo]);
    if (p.bars && p.bars[yo]) ys.push(...p.bars[yo]);
  });
  const xt = ticks(Math.min(...xs), Math.max(...xs), 5), yt = ticks(Math.min(...ys), Math.max(...ys), 5);
  const px = x => L + (x - xt[0]) / (xt[xt.length - 1] - xt[0]) * (W - L - R);
  const py = y => H - B - (y - yt[0]) / (yt[yt.length - 1] - yt[0]) * (H - T - B);
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": "Pareto front of " + xo + " against " + yo }, box);
  xt.forEach(t => { svg("line", { x1: px(t), x2: px(t), y1: T, y2: H - B, stroke: "#eee" }, s); svg("text", { x: px(t), y: H - B + 16, "text-anchor": "middle" }, s).textContent = tick(t); });
  yt.forEach(t => { svg("line", { x1: L, x2: W - R, y1: py(t), y2: py(t), stroke: "#eee" }, s); svg("text", { x: L - 6, y: py(t) + 4, "text-anchor": "end" }, s).textContent = tick(t); });
  svg("text", { x: (L + W - R) / 2, y: H - 10, "text-anchor": "middle" }, s).textContent = label(xo);
  svg("text", { x: 12, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${(T + H - B) / 2})` }, s).textContent = label(yo);
  const order = D.points.map((p, i) => i).sort((a, b) => D.points[a].objectives[xo] - D.points[b].objectives[xo]);
  svg("polyline", { points: order.map(i => px(D.points[i].objectives[xo]) + "," + py(D.points[i].objectives[yo])).join(" "), fill: "none", stroke: "#0072B2", "stroke-width": 2 }, s);
  D.points.forEach((p, i) => {
    const cx = px(p.objectives[xo]), cy = py(p.objectives[yo]);
    if (p.bars && p.bars[yo]) svg("line", { x1: cx, x2: cx, y1: py(p.bars[yo][0]), y2: py(p.bars[yo][1]), stroke: "#555", "stroke-width": 1.5, class: "bar" }, s);
    if (p.bars && p.bars[xo]) svg("line", { x1: px(p.bars[xo][0]), x2: px(p.bars[xo][1]), y1: cy, y2: cy, stroke: "#555", "stroke-width": 1.5, class: "bar" }, s);
    const text = `point ${p.number}: ${xo} ${fmt(p.objectives[xo])}${unit(xo)}, ${yo} ${fmt(p.objectives[yo])}${unit(yo)}` +
      (p.price !== null && p.price !== undefined ? `, price ${fmt(p.price)} ${D.priceUnit}` : "") +
      (p.bars && p.bars[yo] ? `, ${yo} 5-95 %: ${fmt(p.bars[yo][0])} to ${fmt(p.bars[yo][1])}` : "");
    const shape = i === compared
      ? svg("rect", { x: cx - 7, y: cy - 7, width: 14, height: 14, fill: "#E69F00", stroke: "#000", "stroke-width": 1 }, s)
      : svg("circle", { cx, cy, r: i === selected ? 8 : 5.5, fill: i === selected ? "#D55E00" : "#0072B2", stroke: "white", "stroke-width": 1.5 }, s);
    shape.setAttribute("class", "point");
    shape.setAttribute("tabindex", "0");
    shape.setAttribute("role", "button");
    shape.setAttribute("data-point", p.number);
    shape.setAttribute("aria-label", text + (i === selected ? " (selected)" : "") + (i === compared ? " (compared)" : ""));
    shape.setAttribute("aria-pressed", i === selected ? "true" : "false");
    svg("title", {}, shape).textContent = text;
    shape.addEventListener("click", e => { if (e.shiftKey) setCompared(i); else select(i); });
    shape.addEventListener("keydown", e => {
      const next = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      if (next) { e.preventDefault(); select(Math.max(0, Math.min(D.points.length - 1, selected + next)), true); }
      else if (e.key === "Home") { e.preventDefault(); select(0, true); }
      else if (e.key === "End") { e.preventDefault(); select(D.points.length - 1, true); }
      else if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(i, true); }
      else if (e.key === "c") { setCompared(i); }
    });
    svg("text", { x: cx + 8, y: cy - 8, "aria-hidden": "true" }, s).textContent = p.number;
  });
}

function drawPrices() {
  const box = $("prices"); box.textContent = "";
  if (!D.edges || !D.edges.length) return;
  const [a, b] = D.objectives;
  // Corners are numbered as points only when the front shows the corners themselves.
  const numbered = D.edges.some(e => e.from !== null && e.from !== undefined);
  table("Trade-off prices along the exact front", ["edge"].concat(numbered ? ["from", "to"] : []).concat([b + " avoided", a + " added", "price [" + D.priceUnit + "]", "what changes"]),
        D.edges.map((e, i) => [i + 1].concat(numbered ? [e.from ?? "", e.to ?? ""] : []).concat([fmt(e.avoided), fmt(e.added), fmt(e.price), e.changes.join("; ")])), box);
}

function project() {
  const list = Object.values(allPlaces);
  const lats = list.map(p => p.latitude), lons = list.map(p => p.longitude);
  // A margin of 15 % of the extent, at least 0.03 degrees (a city's zones are a few km apart).
  const mlat = Math.max(0.03, (Math.max(...lats) - Math.min(...lats)) * 0.15), mlon = Math.max(0.03, (Math.max(...lons) - Math.min(...lons)) * 0.15);
  const box = { w: Math.min(...lons) - mlon, e: Math.max(...lons) + mlon, s: Math.min(...lats) - mlat, n: Math.max(...lats) + mlat };
  const k = Math.cos((box.n + box.s) / 2 * Math.PI / 180);
  const W = 600, H = Math.max(240, Math.min(480, W * (box.n - box.s) / ((box.e - box.w) * k)));
  const sx = W / ((box.e - box.w) * k), sy = H / (box.n - box.s), sc = Math.min(sx, sy);
  return { W, H, x: lon => (lon - box.w) * k * sc, y: lat => (box.n - lat) * sc };
}

function drawMap(point) {
  const box = $("map"); box.textContent = ""; $("legend").textContent = ""; $("places").textContent = "";
  if (!Object.keys(allPlaces).length) { html("p", "No coordinates in this model: nothing to map.", box, { class: "muted" }); return; }
  const P = project();
  const s = svg("svg", { viewBox: `0 0 ${P.W} ${P.H}`, width: "100%", role: "img", "aria-label": `Map of point ${point.number}: ${point.map.flows.length} flows between ${point.map.places.length} places` }, box);
  svg("rect", { width: P.W, height: P.H, fill: "#f3f7fa" }, s);
  const path = rings => rings.map(r => { let d = ""; for (let i = 0; i < r.length; i += 2) d += (i ? "L" : "M") + P.x(r[i] / 10).toFixed(1) + "," + P.y(r[i + 1] / 10).toFixed(1); return d + "Z"; }).join("");
  const outlines = svg("g", { "aria-hidden": "true" }, s);
  D.countries.forEach(c => { svg("path", { d: path(c.r), fill: "#e8e8e3", stroke: "#b5b5ad", "stroke-width": 0.8 }, outlines); });
  D.states.forEach(c => { svg("path", { d: path(c.r), fill: "none", stroke: "#cfcfc7", "stroke-width": 0.6 }, outlines); });
  const byPair = {};
  point.map.flows.forEach(f => { const key = [f.from, f.to].sort().join("|"); (byPair[key] = byPair[key] || []).push(f); });
  const routes = svg("g", {}, s);
  point.map.flows.forEach(f => {
    const a = allPlaces[f.from], b = allPlaces[f.to];
    if (!a || !b) return;
    const siblings = byPair[[f.from, f.to].sort().join("|")], k = siblings.indexOf(f) - (siblings.length - 1) / 2;
    let x1 = P.x(a.longitude), y1 = P.y(a.latitude), x2 = P.x(b.longitude), y2 = P.y(b.latitude);
    const len = Math.hypot(x2 - x1, y2 - y1) || 1, ox = -(y2 - y1) / len * k * 6, oy = (x2 - x1) / len * k * 6;
    const line = svg("line", { x1: x1 + ox, y1: y1 + oy, x2: x2 + ox, y2: y2 + oy, stroke: colour(f.mode), "stroke-dasharray": dash(f.mode),
      "stroke-width": (1.5 + 9 * Math.sqrt(Math.abs(f.amount) / (maxFlow || 1))).toFixed(2), "stroke-linecap": "round", opacity: 0.85,
      class: "route", "data-from": f.from, "data-to": f.to, "data-mode": f.mode, "data-amount": f.amount }, routes);
    svg("title", {}, line).textContent = `${f.from} to ${f.to} by ${f.mode}: ${fmt(f.amount)} ${f.unit}`;
  });
  point.map.places.forEach(pl => {
    const x = P.x(pl.longitude), y = P.y(pl.latitude);
    const g = svg("g", { class: "place", "data-place": pl.id }, s);
    const mark = pl.kind === "site" ? svg("rect", { x: x - 6, y: y - 6, width: 12, height: 12, fill: "#1a1a1a" }, g)
                                    : svg("circle", { cx: x, cy: y, r: 6, fill: pl.details.length ? "#009E73" : "#9a9a9a", stroke: "white", "stroke-width": 1.5 }, g);
    svg("title", {}, mark).textContent = pl.id + " (" + pl.kind + "): " + pl.label + (pl.details.length ? "; " + pl.details.join("; ") : "");
    svg("text", { x: x + 8, y: y + 4 }, g).textContent = pl.id;
    if (pl.details.length) html("li", pl.id + ": " + pl.details.join("; "), $("places"));
  });
  modes.forEach(m => {
    const span = html("span", null, $("legend"));
    const sw = html("span", null, span, { class: "swatch", style: `border-top-color: ${colour(m)}; border-top-style: ${dash(m) ? "dashed" : "solid"}` });
    sw.setAttribute("aria-hidden", "true");
    span.appendChild(document.createTextNode(m));
  });
}

function partsOf(point, objective) {
  return point.breakdown.filter(b => b.objective === objective);
}

function drawPoint(point) {
  $("point-heading").textContent = "Point " + point.number;
  const box = $("objectives"); box.textContent = "";
  table("Objectives", ["objective", "value", "unit"].concat(point.bars ? ["5 %", "95 %"] : []),
        D.allObjectives.map(o => [o, fmt(point.objectives[o]), D.units[o] || ""].concat(point.bars ? (point.bars[o] ? point.bars[o].map(fmt) : ["", ""]) : [])), box);
  if (point.price !== null && point.price !== undefined) html("p", `Trade-off price from here to the next point: ${fmt(point.price)} ${D.priceUnit}`, box, { class: "muted" });
  const b = $("breakdown"); b.textContent = "";
  D.allObjectives.forEach(o => {
    const list = partsOf(point, o);
    if (!list.length) return;
    const max = Math.max(...D.points.map(p => partsOf(p, o).reduce((s, x) => s + Math.abs(x.value), 0)), 1e-300);
    html("h3", "Where " + o + " comes from", b).style.fontSize = "14px";
    const W = 560, s = svg("svg", { viewBox: `0 0 ${W} 28`, width: "100%", role: "img", "aria-label": `${o} of point ${point.number} by part` }, b);
    let x = 0;
    list.forEach(part => {
      const w = Math.abs(part.value) / max * W;
      const r = svg("rect", { x, y: 2, width: Math.max(w, 0.5), height: 22, fill: partColour(part.part), stroke: "white", "stroke-width": 1, class: "part" }, s);
      svg("title", {}, r).textContent = `${part.part}, ${part.item}: ${fmt(part.value)}${unit(o)}`;
      x += w;
    });
    const totals = {};
    list.forEach(p => { totals[p.part] = (totals[p.part] || 0) + p.value; });
    const legend = html("div", null, b, { class: "legend" });
    Object.keys(totals).forEach(k => {
      const span = html("span", null, legend);
      html("span", null, span, { class: "swatch", style: `border-top-color: ${partColour(k)}`, "aria-hidden": "true" });
      span.appendChild(document.createTextNode(`${k} ${fmt(totals[k])}`));
    });
    table(o + " by part and item", ["part", "item", "value" + unit(o)], list.map(p => [p.part, p.item, fmt(p.value)]), b);
  });
}

function drawDecision(point) {
  const box = $("decision"); box.textContent = "";
  if (!point.tables.length) { html("p", "Every decision is zero at this point.", box, { class: "muted" }); return; }
  point.tables.forEach(t => table(t.title, t.columns, t.rows, box));
}

function drawComparison() {
  const sel = $("compare");
  if (!sel.options.length) {
    html("option", "no other point", sel, { value: "" });
    D.points.forEach((p, i) => html("option", "point " + p.number, sel, { value: i }));
    sel.addEventListener("change", () => setCompared(sel.value === "" ? null : Number(sel.value)));
  }
  sel.value = compared === null ? "" : String(compared);
  const box = $("comparison"); box.textContent = "";
  if (compared === null) { html("p", "Choose a point (or shift-click it) to see what changes.", box, { class: "muted" }); return; }
  const a = D.points[selected], b = D.points[compared];
  table(`Point ${a.number} and point ${b.number}`, ["objective", "point " + a.number, "point " + b.number, "change"],
        D.allObjectives.map(o => [label(o), fmt(a.objectives[o]), fmt(b.objectives[o]), fmt(b.objectives[o] - a.objectives[o])]), box);
  const key = f => `${f.from} to ${f.to} by ${f.mode}`;
  const flows = {};
  a.map.flows.forEach(f => { flows[key(f)] = [f.amount, 0, f.unit]; });
  b.map.flows.forEach(f => { const e = flows[key(f)] || [0, 0, f.unit]; e[1] = f.amount; flows[key(f)] = e; });
  const changed = Object.keys(flows).filter(k => Math.abs(flows[k][1] - flows[k][0]) > 1e-9 * Math.max(1, Math.abs(flows[k][0])));
  if (changed.length) table("Flows that change", ["flow", "point " + a.number, "point " + b.number, "unit"], changed.map(k => [k, fmt(flows[k][0]), fmt(flows[k][1]), flows[k][2]]), box);
  else html("p", "The same flows at both points.", box, { class: "muted" });
}

function select(i, focus) {
  selected = i;
  if (compared === i) compared = null;
  render();
  if (focus) { const el = document.querySelector(`#front [data-point="${D.points[i].number}"]`); if (el) el.focus(); }
}
function setCompared(i) { compared = i === selected ? null : i; render(); }
function render() {
  const point = D.points[selected];
  drawFront(); drawMap(point); drawPoint(point); drawDecision(point); drawComparison();
  document.body.setAttribute("data-selected", point.number);
}
drawPrices();
if (D.notes.length) D.notes.forEach(n => html("p", n, $("prices"), { class: "muted" }));
if (D.points.length) render(); else $("front").textContent = "The front has no point.";
</script>
</body>
</html>
"""#
}
