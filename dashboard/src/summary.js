// Counting for the summary table: how many rows fall in each category × action. Presentation
// only — the category and action of each row are the core's, read from its verdict.

/** The order DESIGN.md §1 lists the vocabulary in; values it does not list sort last, by name. */
export const CATEGORY_ORDER = ['invalid_request', 'authentication', 'authorization', 'not_found', 'conflict', 'rate_limited', 'transient', 'rejected', 'unknown'];
export const ACTION_ORDER = ['retry', 'refresh_credentials', 'fix_request', 'fix_configuration', 'reconcile', 'stop', 'escalate'];

function ordered(values, order) {
  const rank = (v) => (order.includes(v) ? order.indexOf(v) : order.length);
  return [...values].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * @param {Array<{verdict?: {category: string, action: string}, error?: string}>} rows
 * @returns {{categories: string[], actions: string[], counts: Map<string, number>,
 *   byCategory: Map<string, number>, byAction: Map<string, number>, classified: number,
 *   invalid: number}} counts are keyed `${category}|${action}`
 */
export function summarize(rows) {
  const counts = new Map();
  const byCategory = new Map();
  const byAction = new Map();
  let classified = 0;
  let invalid = 0;
  for (const row of rows) {
    if (!row.verdict) {
      invalid += 1;
      continue;
    }
    const { category, action } = row.verdict;
    classified += 1;
    counts.set(`${category}|${action}`, (counts.get(`${category}|${action}`) || 0) + 1);
    byCategory.set(category, (byCategory.get(category) || 0) + 1);
    byAction.set(action, (byAction.get(action) || 0) + 1);
  }
  return {
    categories: ordered(byCategory.keys(), CATEGORY_ORDER),
    actions: ordered(byAction.keys(), ACTION_ORDER),
    counts,
    byCategory,
    byAction,
    classified,
    invalid,
  };
}

// ---------------------------------------------------------------------------------------------
// Counting for the charts: failures per time bucket and category, and the most frequent values
// of one field. Classified rows only (an invalid input has no category); the fields are the
// core's verdict (`rule`, `code`, `category`) and the row's own JSON form (`at` = its `now`,
// `endpoint` = its `request.endpoint`), never a guess.

/** Bucket widths in seconds the time chart chooses from (the first giving few enough bars). */
export const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 1209600, 2592000, 7776000, 31536000];
/** Times outside 1970..9999 are not plotted (counted as without a time). */
const LAST_SECOND = 253402300799;

/**
 * Classified rows → bars of `step` seconds (aligned to multiples of `step` since the epoch,
 * so a day starts at 00:00 UTC), each with its count per category; at most `maxBuckets` bars.
 * @param {Array<{verdict?: {category: string}, at?: number}>} rows
 * @returns {{step: number, buckets: Array<{start: number, end: number, total: number,
 *   counts: Map<string, number>}>, categories: string[], timed: number, untimed: number,
 *   peak: number}}
 */
export function timeBuckets(rows, maxBuckets = 48) {
  const limit = Math.max(1, Math.floor(maxBuckets));
  let min = Infinity;
  let max = -Infinity;
  let timed = 0;
  let untimed = 0;
  const seen = new Set();
  for (const row of rows) {
    if (!row.verdict) continue;
    const at = row.at;
    if (typeof at !== 'number' || !(at >= 0 && at <= LAST_SECOND)) {
      untimed += 1;
      continue;
    }
    timed += 1;
    if (at < min) min = at;
    if (at > max) max = at;
    seen.add(row.verdict.category);
  }
  const categories = ordered(seen, CATEGORY_ORDER);
  if (!timed) return { step: 0, buckets: [], categories, timed, untimed, peak: 0 };
  const count = (s) => Math.floor(max / s) - Math.floor(min / s) + 1;
  let step = TIME_STEPS.find((s) => count(s) <= limit);
  if (step === undefined) {
    const year = TIME_STEPS[TIME_STEPS.length - 1];
    step = year * Math.ceil(count(year) / limit);
  }
  const first = Math.floor(min / step);
  const buckets = Array.from({ length: count(step) }, (_, i) => ({
    start: (first + i) * step,
    end: (first + i + 1) * step,
    total: 0,
    counts: new Map(),
  }));
  for (const row of rows) {
    if (!row.verdict) continue;
    const at = row.at;
    if (typeof at !== 'number' || !(at >= 0 && at <= LAST_SECOND)) continue;
    const bucket = buckets[Math.floor(at / step) - first];
    const { category } = row.verdict;
    bucket.total += 1;
    bucket.counts.set(category, (bucket.counts.get(category) || 0) + 1);
  }
  return { step, buckets, categories, timed, untimed, peak: Math.max(...buckets.map((b) => b.total)) };
}

/**
 * The `limit` most frequent values of `keyOf(row)` among classified rows, most frequent first
 * (ties in code-point order of the value); rows whose value is null, undefined or '' are
 * counted apart as `without`.
 * @returns {{top: Array<{key: string, count: number}>, distinct: number, rest: number,
 *   without: number, counted: number}} `rest`: rows whose value is not in `top`
 */
export function topCounts(rows, keyOf, limit = 10) {
  const counts = new Map();
  let without = 0;
  let counted = 0;
  for (const row of rows) {
    if (!row.verdict) continue;
    const key = keyOf(row);
    if (key === null || key === undefined || key === '') {
      without += 1;
      continue;
    }
    counted += 1;
    const k = String(key);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const top = sorted.slice(0, Math.max(0, limit)).map(([key, count]) => ({ key, count }));
  const shown = top.reduce((sum, t) => sum + t.count, 0);
  return { top, distinct: counts.size, rest: counted - shown, without, counted };
}
