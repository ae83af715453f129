import { describeProblemType, PROBLEM_CATALOGUE } from './catalogue.js';
import type { ApiProblem } from './api-problem.js';
import { translateProblemToChinese } from './field-messages-zh.js';
import type { Language } from './language.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=UTF-8';

/** The RFC 9457 document of a problem, in the caller's language. */
export function writeProblemDocument(problem: ApiProblem, language: Language, instance: string) {
  const kind = PROBLEM_CATALOGUE[problem.code];
  const zh = language === 'zh-CN';
  return {
    type: describeProblemType(problem.code),
    title: zh ? kind.title.zh : kind.title.en,
    status: kind.status,
    detail: zh ? problem.detail.zh : problem.detail.en,
    instance,
    code: problem.code,
    errors: zh ? problem.errors.map(translateProblemToChinese) : [...problem.errors],
  };
}

/** The problem as a response: application/problem+json, Content-Language, and its own headers. */
export function renderProblem(problem: ApiProblem, language: Language, instance: string): Response {
  return new Response(JSON.stringify(writeProblemDocument(problem, language, instance)), {
    status: problem.status,
    headers: { ...problem.headers, 'Content-Type': PROBLEM_CONTENT_TYPE, 'Content-Language': language },
  });
}
