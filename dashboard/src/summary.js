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
