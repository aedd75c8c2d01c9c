// The dashboard's charts, drawn as SVG by hand (no chart library): failures over time as bars
// stacked by category, and horizontal bars for the most frequent rules, endpoints and codes.
// Presentation only: the counts come from summary.js (`timeBuckets`, `topCounts`), which reads
// the core's verdicts. Every text is set with textContent; colours come from style.css
// (`.series-<category>`, `.bar-<chart>`), so they match the category chips.
//
// Accessibility: each chart has a <title> and a <desc> giving its numbers in words, every bar
// its own <title> (the tooltip), and every bar is a button (Enter or Space) that narrows the
// table to its rows: each horizontal bar is a Tab stop; the stacked bars are one, the arrow keys
// (and Home, End) moving from bar to bar.

const NS = 'http://www.w3.org/2000/svg';
let ids = 0;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** 12345 → "12,345" (not toLocaleString: its first call loads locale data, a long task). */
export const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** The smallest 1, 2 or 5 × 10^k that is at least `x` (at least 1). */
export function niceCeil(x) {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** A bucket's start as UTC text precise enough for `step` seconds; `wide` adds the date. */
export function clock(seconds, step, wide = false) {
  const iso = new Date(seconds * 1000).toISOString(); // 2025-11-21T14:02:10.000Z
  if (step >= 86400) return iso.slice(0, 10);
  const time = step < 60 ? iso.slice(11, 19) : iso.slice(11, 16);
  return wide ? `${iso.slice(5, 10)} ${time}` : time;
}

/** A span of time as UTC text: "2025-11-21 14:02:10 – 14:02:31 UTC" (both dates when they differ). */
export function spanText(from, to, step) {
  const a = new Date(from * 1000).toISOString();
  const b = new Date(to * 1000).toISOString();
  if (step >= 86400) return `${a.slice(0, 10)} – ${b.slice(0, 10)}`;
  const cut = step < 60 ? 19 : 16;
  const end = a.slice(0, 10) === b.slice(0, 10) ? b.slice(11, cut) : `${b.slice(0, 10)} ${b.slice(11, cut)}`;
  return `${a.slice(0, 10)} ${a.slice(11, cut)} – ${end} UTC`;
}

/** A duration in words: 1 s, 5 min, 1 h, 2 days. */
export function stepText(step) {
  if (step < 60) return `${step} s`;
  if (step < 3600) return `${step / 60} min`;
  if (step < 86400) return `${step / 3600} h`;
  const days = step / 86400;
  return days === 1 ? '1 day' : `${days} days`;
}

/** Keeps a label within `chars` characters, cutting in the middle (both ends of a path say something). */
function fit(text, chars) {
  if (text.length <= chars) return text;
  if (chars < 5) return `${text.slice(0, Math.max(1, chars - 1))}…`;
  const head = Math.ceil((chars - 1) * 0.6);
  return `${text.slice(0, head)}…${text.slice(text.length - (chars - 1 - head))}`;
}

/** Makes an SVG element act as a toggle button for keyboard and mouse. */
function asButton(node, label, pressed, onPress) {
  node.setAttribute('role', 'button');
  node.setAttribute('tabindex', '0');
  node.setAttribute('aria-label', label);
  node.setAttribute('aria-pressed', String(pressed));
  node.addEventListener('click', onPress);
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPress();
    }
  });
}

/**
 * Failures over time, stacked by category.
 * @param {ReturnType<import('./summary.js').timeBuckets>} data
 * @param {{width: number, height?: number, selected?: {from: number, to: number}|null,
 *   onSelect?: (span: {from: number, to: number}|null) => void}} options
 */
export function timeChart(data, { width, height = 210, selected = null, onSelect } = {}) {
  const id = `chart-${(ids += 1)}`;
  const W = Math.max(240, Math.floor(width));
  const margin = { left: 44, right: 10, top: 10, bottom: 26 };
  const plotW = W - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const { buckets, step, categories } = data;
  const tickStep = niceCeil(data.peak / 4);
  const top = Math.max(tickStep, Math.ceil(data.peak / tickStep) * tickStep);
  const y = (n) => margin.top + plotH - (n / top) * plotH;

  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const wide = step < 86400 && last.end - first.start > 86400;
  const busiest = buckets.reduce((a, b) => (b.total > a.total ? b : a), first);
  const summary = `${plural(data.timed, 'failure')}, ${spanText(first.start, last.end, step)}, in bars of ${stepText(step)}; the busiest bar, ${spanText(busiest.start, busiest.end, step)}, has ${fmt(busiest.total)}.`;
  const root = svg('svg', {
    class: 'chart-svg time', width: W, height, viewBox: `0 0 ${W} ${height}`,
    role: 'group', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-desc`, 'data-step': step,
  },
  svg('title', { id: `${id}-title`, text: 'Failures over time, by category' }),
  svg('desc', { id: `${id}-desc`, text: summary }));

  // Grid lines and the count axis.
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let n = 0; n <= top; n += tickStep) {
    grid.append(svg('line', { x1: margin.left, x2: W - margin.right, y1: y(n), y2: y(n), class: n === 0 ? 'axis' : null }));
    grid.append(svg('text', { x: margin.left - 6, y: y(n) + 4, 'text-anchor': 'end', text: fmt(n) }));
  }
  root.append(grid);

  // One stacked bar per bucket.
  const slot = plotW / buckets.length;
  const gap = Math.min(3, slot * 0.18);
  const bars = svg('g', { class: 'bars' });
  buckets.forEach((bucket, i) => {
    const x = margin.left + i * slot + gap / 2;
    const isSelected = Boolean(selected && selected.from === bucket.start && selected.to === bucket.end);
    const g = svg('g', {
      class: `stack${isSelected ? ' selected' : ''}`, 'data-start': bucket.start, 'data-total': bucket.total,
    });
    const parts = categories.filter((c) => bucket.counts.get(c)).map((c) => `${c} ${fmt(bucket.counts.get(c))}`);
    g.append(svg('title', { text: `${spanText(bucket.start, bucket.end, step)}: ${plural(bucket.total, 'failure')}${parts.length ? ` (${parts.join(', ')})` : ''}` }));
    // A full-height hit area, so a short bar is as easy to click as a tall one.
    g.append(svg('rect', { class: 'hit', x, y: margin.top, width: Math.max(1, slot - gap), height: plotH }));
    let base = 0;
    for (const category of categories) {
      const n = bucket.counts.get(category) || 0;
      if (!n) continue;
      g.append(svg('rect', {
        class: `seg series-${category.replace(/[^a-z_]/g, '')}`, 'data-category': category, 'data-count': n,
        x, y: y(base + n), width: Math.max(1, slot - gap), height: Math.max(0, y(base) - y(base + n)),
      }));
      base += n;
    }
    if (onSelect && bucket.total) {
      g.style.cursor = 'pointer';
      asButton(g, `${spanText(bucket.start, bucket.end, step)}: ${plural(bucket.total, 'failure')}${parts.length ? ` (${parts.join(', ')})` : ''}. Show only these`, isSelected,
        () => onSelect(isSelected ? null : { from: bucket.start, to: bucket.end }));
      g.setAttribute('tabindex', '-1');
    }
    bars.append(g);
  });
  root.append(bars);
  // One Tab stop for all the bars (the selected one, else the first); the arrow keys move along.
  const stops = [...bars.querySelectorAll('.stack[role="button"]')];
  if (stops.length) (stops.find((g) => g.classList.contains('selected')) || stops[0]).setAttribute('tabindex', '0');
  bars.addEventListener('keydown', (e) => {
    const at = stops.indexOf(e.target);
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: stops.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = stops[Math.max(0, Math.min(stops.length - 1, to))];
    for (const g of stops) g.setAttribute('tabindex', g === next ? '0' : '-1');
    next.focus();
  });

  // Time labels, as many as fit.
  const labelWidth = step >= 86400 ? 84 : wide ? 94 : step < 60 ? 66 : 46;
  const every = Math.max(1, Math.ceil(labelWidth / slot));
  const axis = svg('g', { class: 'time-axis', 'aria-hidden': 'true' });
  for (let i = 0; i < buckets.length; i += every) {
    const cx = margin.left + i * slot + slot / 2;
    let anchor = 'middle';
    if (cx - labelWidth / 2 < 0) anchor = 'start';
    else if (cx + labelWidth / 2 > W) anchor = 'end';
    const tx = anchor === 'start' ? margin.left + i * slot : anchor === 'end' ? margin.left + (i + 1) * slot : cx;
    axis.append(svg('text', { x: tx, y: height - 8, 'text-anchor': anchor, text: clock(buckets[i].start, step, wide) }));
  }
  root.append(axis);
  return root;
}

/**
 * Horizontal bars for the most frequent values of one field: its label above each bar, its
 * count at the bar's end.
 * @param {ReturnType<import('./summary.js').topCounts>} data
 * @param {{width: number, title: string, kind: string, noun: string,
 *   selected?: string|null, onSelect?: (key: string|null) => void}} options
 */
export function barChart(data, { width, title, kind, noun, selected = null, onSelect } = {}) {
  const id = `chart-${(ids += 1)}`;
  const W = Math.max(200, Math.floor(width));
  const row = 34;
  const height = Math.max(1, data.top.length) * row + 2;
  const countSpace = 58;
  const barMax = W - countSpace;
  const peak = data.top.length ? data.top[0].count : 1;
  const listed = data.top.map((t) => `${t.key} ${fmt(t.count)}`).join(', ');
  const root = svg('svg', {
    class: `chart-svg bars bar-${kind}`, width: W, height, viewBox: `0 0 ${W} ${height}`,
    role: 'group', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-desc`,
  },
  svg('title', { id: `${id}-title`, text: title }),
  svg('desc', { id: `${id}-desc`, text: data.top.length ? `Most frequent first: ${listed}.` : `No failure has a ${noun}.` }));
  const chars = Math.max(6, Math.floor((W - 4) / 7.4)); // 12px monospace
  data.top.forEach((t, i) => {
    const y0 = i * row;
    const isSelected = selected === t.key;
    const barWidth = Math.max(2, (t.count / peak) * barMax);
    const g = svg('g', { class: `hbar${isSelected ? ' selected' : ''}`, 'data-key': t.key, 'data-count': t.count });
    g.append(svg('title', { text: `${t.key}: ${plural(t.count, 'failure')}` }));
    g.append(svg('rect', { class: 'hit', x: 0, y: y0, width: W, height: row }));
    g.append(svg('text', { class: 'label', x: 2, y: y0 + 13, text: fit(t.key, chars) }));
    g.append(svg('rect', { class: 'bar', x: 2, y: y0 + 18, width: barWidth, height: 12, rx: 2 }));
    g.append(svg('text', { class: 'count', x: 2 + barWidth + 6, y: y0 + 28.5, text: fmt(t.count) }));
    if (onSelect) {
      asButton(g, `${noun} ${t.key}: ${plural(t.count, 'failure')}. Show only these`, isSelected, () => onSelect(isSelected ? null : t.key));
    }
    root.append(g);
  });
  return root;
}
