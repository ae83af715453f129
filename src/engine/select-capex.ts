import type { CapexItem } from '../deal/capex-schema.js';
import type { CapexSelector } from '../deal/funding-schema.js';

/** Whether a capex item passes every filter the selector gives (an empty selector matches every item). */
export function matchesSelector(item: CapexItem, selector: CapexSelector): boolean {
  if (selector.items && !selector.items.includes(item.id)) return false;
  if (selector.categories && !selector.categories.includes(item.category)) return false;
  if (selector.kinds && !selector.kinds.includes(item.kind)) return false;
  if (selector.utilities && (item.utility === undefined || !selector.utilities.includes(item.utility))) return false;
  if (selector.owners && !selector.owners.includes(item.owner)) return false;
  return true;
}

/** Items a utility split applies to: pipeline items with a named network, within the selector. */
export function isUtilitySplitItem(item: CapexItem, selector: CapexSelector): boolean {
  return item.kind === 'pipeline' && item.utility !== undefined && matchesSelector(item, selector);
}
