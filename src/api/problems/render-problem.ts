import { describeProblemType, PROBLEM_CATALOGUE } from './catalogue.js';
import type { Problem } from '../../deal/problem.js';
import type { ApiProblem } from './api-problem.js';
import { translateProblemToChinese } from './field-messages-zh.js';
import type { Language } from './language.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=UTF-8';

/** Problems listed in one response; past it the document says `truncated: true` and the `total`. */
export const MAX_LISTED_PROBLEMS = 100;
/** Characters kept of a path (an unknown field's name may be as long as the body) and of a message
 * (long enough for a hint that quotes the JSON Patch to send): at most ~230 KB of problems in all. */
const MAX_PROBLEM_PATH = 300;
const MAX_PROBLEM_MESSAGE = 2000;

/** The RFC 9457 document of a problem, in the caller's language. */
export function writeProblemDocument(problem: ApiProblem, language: Language, instance: string) {
  const kind = PROBLEM_CATALOGUE[problem.code];
  const zh = language === 'zh-CN';
  const total = problem.total;
  const first = problem.errors.slice(0, MAX_LISTED_PROBLEMS);
  const listed = zh ? first.map(translateProblemToChinese) : first;
  return {
    type: describeProblemType(problem.code),
    title: zh ? kind.title.zh : kind.title.en,
    status: kind.status,
    detail: zh ? problem.detail.zh : problem.detail.en,
    instance,
    code: problem.code,
    errors: listed.map(shortenProblem),
    ...(total > MAX_LISTED_PROBLEMS ? { truncated: true as const, total } : {}),
  };
}

/** A problem whose path and message fit in a response: long ones are cut and end with "…". */
function shortenProblem(problem: Problem): Problem {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
  return { ...problem, path: cut(problem.path, MAX_PROBLEM_PATH), message: cut(problem.message, MAX_PROBLEM_MESSAGE) };
}

/** The problem as a response: application/problem+json, Content-Language, and its own headers. */
export function renderProblem(problem: ApiProblem, language: Language, instance: string): Response {
  return new Response(JSON.stringify(writeProblemDocument(problem, language, instance)), {
    status: problem.status,
    headers: { ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Language': language },
  });
}
