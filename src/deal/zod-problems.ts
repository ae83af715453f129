import type { z } from 'zod';
import { formatPath, type Problem } from './problem.js';

const CODES: Record<string, string> = {
  invalid_type: 'INVALID_TYPE',
  too_big: 'TOO_BIG',
  too_small: 'TOO_SMALL',
  invalid_format: 'INVALID_FORMAT',
  not_multiple_of: 'NOT_MULTIPLE_OF',
  unrecognized_keys: 'UNKNOWN_FIELD',
  invalid_union: 'INVALID_VALUE',
  invalid_key: 'INVALID_KEY',
  invalid_element: 'INVALID_VALUE',
  invalid_value: 'INVALID_VALUE',
  custom: 'INVALID_VALUE',
};

/**
 * Turn zod issues into problems with stable codes. Parse with `reportInput: true` so that a missing
 * field can be told from a wrong one. Unknown fields get one problem each, at their own path, so a
 * typo such as `operatingYear` for `operatingYears` is pointed at exactly.
 */
export function convertZodIssues(issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ code: 'UNKNOWN_FIELD', path: formatPath([...path, key]), message: `unknown field "${key}"` });
      }
      continue;
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      problems.push({ code: 'REQUIRED', path: formatPath(path), message: 'is required' });
      continue;
    }
    const customCode = issue.code === 'custom' ? (issue.params as { code?: string } | undefined)?.code : undefined;
    problems.push({
      code: customCode ?? CODES[issue.code] ?? 'INVALID_VALUE',
      path: formatPath(path),
      message: issue.message,
    });
  }
  return problems;
}
