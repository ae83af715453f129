import type { DealInput } from '../../../src/deal/deal-schema.js';
import { loadTemplateInput } from '../../helpers/load-template.js';

/**
 * xiangtan-bond-card as its card would read with a phased opening (methodology §10.11): the 400 chargers
 * and 400 ad spaces are built in 2025–2026 (60% / 40%) and operate from 2026, while the car parks and the
 * 配套用房 are still being built (construction 2025–2027). Both streams are earmarked to the bond, so
 * their income pays coupons that the issuer topped up without the phasing.
 */
export function buildPhasedCardInput(): DealInput {
  const input = loadTemplateInput('xiangtan-bond-card');
  for (const item of input.capex) {
    if (item.id === 'xb-ev') Object.assign(item, { phasing: ['0.6', '0.4', '0'], openingYear: 2026, servesStreams: ['xb-ev'] });
    if (item.id === 'xb-ad-spaces') Object.assign(item, { phasing: ['0.6', '0.4', '0'], openingYear: 2026, servesStreams: ['xb-ads'] });
  }
  for (const stream of input.revenue!) if (stream.id === 'xb-ev' || stream.id === 'xb-ads') stream.openingYear = 2026;
  return input;
}

