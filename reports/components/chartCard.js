// A conference-ready chart card: title, one-sentence takeaway, optional swatch legend, the
// chart, a note, the source line, and downloads of the whole card as SVG and PNG (built in the
// browser, offline) that carry the title, takeaway, source line (rounds, n, build date) and, when
// the data are synthetic, a "SYNTHETIC DATA" label: a chart that reaches a slide keeps them.
import {html} from "npm:htl";

const SVG_NS = "http://www.w3.org/2000/svg";

/** The label every exported chart of synthetic data carries. */
export const SYNTHETIC_LABEL = "SYNTHETIC DATA";

/**
 * Site-wide facts the configuration writes into every page's head (observablehq.config.ts):
 * whether any round is synthetic, and the build date (YYYY-MM-DD).
 */
export function siteFacts(doc = document) {
  const meta = (name) => doc.querySelector(`meta[name="${name}"]`)?.getAttribute("content") ?? "";
  return {synthetic: meta("iln-synthetic") === "true", built: meta("iln-built")};
}

/**
 * The source line of a chart: "Source: ILN outcomes toolkit, Round 2016B, n = 774 respondents,
 * built 2026-11-29". `source.about` names the round(s); `source.n` is a number (formatted) or
 * words ("774 respondents"); both optional.
 */
export function sourceLine(source = {}, facts = siteFacts()) {
  const n = source.n == null ? "" : typeof source.n === "number" ? `n = ${source.n.toLocaleString("en-GB")}` : String(source.n);
  return ["Source: ILN outcomes toolkit", source.about, n, facts.built ? `built ${facts.built}` : ""].filter(Boolean).join(", ");
}

/**
 * Wraps a chart (an element, or a `resize(...)` element) in a card. With `chart` null (nothing in
 * it could be published, e.g. every point of a small round hidden) the card keeps its title,
 * takeaway, note and source line but draws no legend, no empty axes and no downloads.
 * @param {Element | null} chart the chart; every top-level <svg> inside it is exported.
 * @param {{title: string, takeaway: string, id?: string, legend?: {label: string, color: string}[], note?: string,
 *   source?: {about?: string, n?: number|string}}} options `source` feeds the source line (see {@link sourceLine}).
 */
export function ChartCard(chart, {title, takeaway, id, legend = [], note, source} = {}) {
  const slug = id ?? slugify(title);
  const facts = siteFacts();
  const line = sourceLine(source, facts);
  const card = html`<figure class="chart-card" id=${slug} data-chart=${slug}>
    <h2>${title}</h2>
    <p class="takeaway">${takeaway}</p>
    ${chart && legend.length ? html`<div class="swatches">${legend.map((d) => html`<span class="swatch" style=${`--swatch: ${d.color}`}>${d.label}</span>`)}</div>` : ""}
    ${chart ? html`<div class="chart-body">${chart}</div>` : ""}
    ${note ? html`<p class="chart-note">${note}</p>` : ""}
    <div class="chart-foot">
      <p class="chart-source">${line}${facts.synthetic ? html` <span class="synthetic-tag">${SYNTHETIC_LABEL}</span>` : ""}</p>
      ${chart ? html`<div class="downloads">
        <button type="button" class="download-svg">Download SVG</button>
        <button type="button" class="download-png">Download PNG</button>
      </div>` : ""}
    </div>
  </figure>`;
  if (!chart) return card;
  const body = card.querySelector(".chart-body");
  const meta = () => ({title, takeaway, legend, note, source: sourceLine(source, siteFacts()), synthetic: siteFacts().synthetic});
  card.querySelector(".download-svg").onclick = () => {
    const svg = exportSvg(body, meta());
    save(new Blob([new XMLSerializer().serializeToString(svg)], {type: "image/svg+xml"}), `${slug}.svg`);
  };
  card.querySelector(".download-png").onclick = async () => {
    save(await toPng(exportSvg(body, meta())), `${slug}.png`);
  };
  return card;
}

/** File-name-safe form of a title. */
export function slugify(title) {
  return String(title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "chart";
}

/**
 * Composes one standalone SVG: the title (with a "SYNTHETIC DATA" label at the right when
 * `synthetic`), the takeaway, the legend, then every top-level <svg> of `container` stacked
 * vertically (Plot's ramp legends included), then the note and the source line.
 */
export function exportSvg(container, {title, takeaway, legend = [], note, source, synthetic = false} = {}) {
  const svgs = [...container.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg"));
  const width = Math.max(640, ...svgs.map((s) => s.getBoundingClientRect().width || +s.getAttribute("width") || 0));
  const out = document.createElementNS(SVG_NS, "svg");
  out.setAttribute("xmlns", SVG_NS);
  out.setAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', sans-serif");
  let y = 0;
  const text = (content, size, weight, fill = "#1b1e23") => {
    for (const line of wrap(content, Math.floor(width / (size * 0.55)))) {
      y += size * 1.3;
      const t = document.createElementNS(SVG_NS, "text");
      t.setAttribute("x", 0);
      t.setAttribute("y", y);
      t.setAttribute("font-size", size);
      t.setAttribute("font-weight", weight);
      t.setAttribute("fill", fill);
      t.textContent = line;
      out.append(t);
    }
  };
  if (synthetic) {
    // The label sits above the title, at the right, so a long title never runs under it.
    const g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("class", "synthetic-label");
    const r = document.createElementNS(SVG_NS, "rect");
    Object.entries({x: width - 170, y: 0, width: 170, height: 26, rx: 3, fill: "#fff4d6", stroke: "#e69f00", "stroke-width": 1.5}).forEach(([k, v]) => r.setAttribute(k, v));
    const t = document.createElementNS(SVG_NS, "text");
    Object.entries({x: width - 85, y: 18, "text-anchor": "middle", "font-size": 14, "font-weight": 700, fill: "#8a3a00"}).forEach(([k, v]) => t.setAttribute(k, v));
    t.textContent = SYNTHETIC_LABEL;
    g.append(r, t);
    out.append(g);
    y += 34;
  }
  text(title, 22, 700);
  text(takeaway, 16, 400, "#444");
  y += 8;
  if (legend.length) {
    let x = 0;
    y += 20;
    for (const d of legend) {
      const r = document.createElementNS(SVG_NS, "rect");
      Object.entries({x, y: y - 13, width: 14, height: 14, fill: d.color}).forEach(([k, v]) => r.setAttribute(k, v));
      const t = document.createElementNS(SVG_NS, "text");
      Object.entries({x: x + 20, y, "font-size": 14, fill: "#1b1e23"}).forEach(([k, v]) => t.setAttribute(k, v));
      t.textContent = d.label;
      out.append(r, t);
      x += 40 + d.label.length * 8;
      if (x > width - 120) {
        x = 0;
        y += 22;
      }
    }
    y += 10;
  }
  for (const svg of svgs) {
    const box = svg.getBoundingClientRect();
    const w = box.width || +svg.getAttribute("width") || width;
    const h = box.height || +svg.getAttribute("height") || 0;
    const copy = svg.cloneNode(true);
    copy.setAttribute("x", 0);
    copy.setAttribute("y", y + 4);
    copy.setAttribute("width", w);
    copy.setAttribute("height", h);
    inlineStyles(svg, copy);
    out.append(copy);
    y += h + 8;
  }
  if (note) text(note, 13, 400, "#555");
  if (source) text(`${source}${synthetic ? ` (${SYNTHETIC_LABEL.toLowerCase()})` : ""}`, 13, 400, "#555");
  y += 10;
  // A margin all round: Plot draws some tick labels and legend ends just outside its own box.
  const pad = 20;
  out.setAttribute("width", width + 2 * pad);
  out.setAttribute("height", Math.ceil(y) + 2 * pad);
  out.setAttribute("viewBox", `${-pad} ${-pad} ${width + 2 * pad} ${Math.ceil(y) + 2 * pad}`);
  const bg = document.createElementNS(SVG_NS, "rect");
  Object.entries({x: -pad, y: -pad, width: width + 2 * pad, height: Math.ceil(y) + 2 * pad, fill: "white"}).forEach(([k, v]) => bg.setAttribute(k, v));
  out.prepend(bg);
  return out;
}

/** Copies the computed font and colour of the root so the exported SVG renders alike elsewhere. */
function inlineStyles(source, copy) {
  const cs = getComputedStyle(source);
  copy.setAttribute("font-size", cs.fontSize);
  copy.setAttribute("color", cs.color);
  copy.style.overflow = "visible";
}

function wrap(content, perLine) {
  const words = String(content ?? "").split(/\s+/).filter(Boolean);
  const lines = [];
  let line = "";
  for (const w of words) {
    if (line && (line + " " + w).length > perLine) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** Rasterises an SVG element to a PNG blob at twice its size. */
export async function toPng(svg, scale = 2) {
  const width = +svg.getAttribute("width");
  const height = +svg.getAttribute("height");
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], {type: "image/svg+xml"}));
  try {
    const img = new Image();
    await new Promise((resolve, reject) => {
      img.onload = resolve;
      img.onerror = () => reject(new Error("could not render the chart as an image"));
      img.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "white";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

function save(blob, name) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A row of big-number tiles: [{label, value, detail}]. */
export function BigNumbers(items) {
  return html`<div class="big-numbers">${items.map(
    (d) => html`<div class="big-number"><div class="label">${d.label}</div><div class="value">${d.value}</div>${d.detail ? html`<div class="detail">${d.detail}</div>` : ""}</div>`
  )}</div>`;
}

/** A plain table: columns [{key, label, num?, format?}]. */
export function DataTable(rows, columns) {
  return html`<table class="data-table"><thead><tr>${columns.map((c) => html`<th class=${c.num ? "num" : ""}>${c.label}</th>`)}</tr></thead>
  <tbody>${rows.map((r) => html`<tr>${columns.map((c) => html`<td class=${c.num ? "num" : ""}>${c.format ? c.format(r[c.key], r) : r[c.key]}</td>`)}</tr>`)}</tbody></table>`;
}
