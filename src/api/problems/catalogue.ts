import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A text in both languages of the service. */
export interface LocalText {
  en: string;
  zh: string;
}

/** What a request may name and not find. */
export type Noun = 'deal' | 'revision' | 'scenario' | 'template' | 'organisation' | 'share' | 'portfolio';
const NOUN_ZH: Record<Noun, string> = { deal: '项目', revision: '版本', scenario: '情景', template: '模板', organisation: '组织', share: '共享', portfolio: '片区组合' };

const count = (n: number) => ({ en: n === 1 ? '1 problem' : `${n} problems`, zh: `${n} 处问题` });

/**
 * Every problem the HTTP service answers with (RFC 9457): a stable English code, its HTTP status, a
 * title and a detail in both languages. Handlers name a code and its facts; `renderProblem` writes it.
 */
export const PROBLEM_CATALOGUE = {
  ROUTE_NOT_FOUND: {
    status: 404,
    title: { en: 'Not found', zh: '未找到' },
    detail: (p: { method: string; path: string }) => ({ en: `There is no route ${p.method} ${p.path}. See /docs for the API.`, zh: `没有 ${p.method} ${p.path} 这个接口，请参阅 /docs。` }),
  },
  NOT_FOUND: {
    status: 404,
    title: { en: 'Not found', zh: '未找到' },
    detail: (p: { what: Noun; id: string }) => ({ en: `No ${p.what} "${p.id}" is visible to your organisation.`, zh: `贵组织无权查看或不存在${NOUN_ZH[p.what]} "${p.id}"。` }),
  },
  UNAUTHORIZED: {
    status: 401,
    title: { en: 'Unauthorized', zh: '未授权' },
    detail: (p: { reason: 'missing' | 'invalid' }) =>
      p.reason === 'missing'
        ? { en: 'Send an API key: "Authorization: Bearer <key>".', zh: '请发送 API 密钥："Authorization: Bearer <密钥>"。' }
        : { en: 'The API key is unknown or revoked.', zh: 'API 密钥不存在或已被吊销。' },
  },
  FORBIDDEN_ROLE: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权操作' },
    detail: (p: { role: string; allowed: readonly string[] }) => ({
      en: `This needs a key with the role ${p.allowed.join(' or ')}; yours is ${p.role}.`,
      zh: `此操作需要角色为 ${p.allowed.join(' 或 ')} 的密钥；当前密钥的角色为 ${p.role}。`,
    }),
  },
  READ_ONLY_SHARE: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权操作' },
    detail: (p: { id: string; owner: string }) => ({
      en: `Deal "${p.id}" is shared with your organisation read-only by ${p.owner}; only ${p.owner} can change it.`,
      zh: `项目 "${p.id}" 由 ${p.owner} 以只读方式共享给贵组织，只有 ${p.owner} 可以修改。`,
    }),
  },
  VALIDATION_FAILED: {
    status: 422,
    title: { en: 'Validation failed', zh: '校验未通过' },
    detail: (p: { subject: 'deal' | 'body' | 'overrides'; count: number }) => {
      const subject = { deal: { en: 'The deal', zh: '项目数据' }, body: { en: 'The request body', zh: '请求体' }, overrides: { en: 'The scenario (its overrides applied to the deal)', zh: '情景（覆盖项应用到项目后）' } }[p.subject];
      return { en: `${subject.en} has ${count(p.count).en}; each is listed in "errors" by path.`, zh: `${subject.zh}有 ${count(p.count).zh}，见 errors（按路径列出）。` };
    },
  },
  INVALID_REQUEST: {
    status: 400,
    title: { en: 'Bad request', zh: '请求有误' },
    detail: (p: { where: 'query' | 'path' | 'header'; count: number }) => {
      const where = { query: { en: 'query string', zh: '查询参数' }, path: { en: 'path', zh: '路径参数' }, header: { en: 'headers', zh: '请求头' } }[p.where];
      return { en: `The ${where.en} has ${count(p.count).en}; see "errors".`, zh: `${where.zh}有 ${count(p.count).zh}，见 errors。` };
    },
  },
  MALFORMED_JSON: {
    status: 400,
    title: { en: 'Malformed JSON', zh: 'JSON 格式错误' },
    detail: (p: { reason?: string }) => ({
      en: `The request body is not valid JSON${p.reason ? `: ${p.reason}` : ''}.`,
      zh: `请求体不是合法的 JSON${p.reason ? `：${p.reason}` : ''}。`,
    }),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { en: 'Unsupported media type', zh: '不支持的内容类型' },
    detail: (_facts: Record<string, never>) => ({ en: 'Send the body as JSON with "Content-Type: application/json".', zh: '请以 JSON 发送请求体，并设置 "Content-Type: application/json"。' }),
  },
  BODY_TOO_LARGE: {
    status: 413,
    title: { en: 'Request body too large', zh: '请求体过大' },
    detail: (p: { limitBytes: number }) => ({ en: `The request body is larger than the limit of ${p.limitBytes} bytes.`, zh: `请求体超过 ${p.limitBytes} 字节的上限。` }),
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    title: { en: 'Precondition required', zh: '缺少前置条件' },
    detail: (_facts: Record<string, never>) => ({
      en: 'Send "If-Match" with the revision you edited (the ETag of GET /deals/{id}), e.g. If-Match: "3".',
      zh: '请在 "If-Match" 中发送所编辑的版本号（GET /deals/{id} 返回的 ETag），例如 If-Match: "3"。',
    }),
  },
  STALE_REVISION: {
    status: 412,
    title: { en: 'Stale revision', zh: '版本已过期' },
    detail: (p: { current: number; given: number }) => ({
      en: `The deal is at revision ${p.current}, not ${p.given}: someone changed it since you read it. Read it again and re-apply your change.`,
      zh: `该项目当前为第 ${p.current} 版而非第 ${p.given} 版：在您读取之后已被他人修改。请重新读取后再修改。`,
    }),
  },
  DEAL_ARCHIVED: {
    status: 409,
    title: { en: 'Deal archived', zh: '项目已归档' },
    detail: (p: { id: string }) => ({ en: `Deal "${p.id}" is archived: it can be read and evaluated but not changed.`, zh: `项目 "${p.id}" 已归档：可以查看和测算，但不能修改。` }),
  },
  NAME_TAKEN: {
    status: 409,
    title: { en: 'Name taken', zh: '名称已被使用' },
    detail: (p: { name: string }) => ({ en: `The deal already has a scenario named "${p.name}".`, zh: `该项目已有名为 "${p.name}" 的情景。` }),
  },
  EVALUATION_FAILED: {
    status: 422,
    title: { en: 'Evaluation failed', zh: '测算失败' },
    detail: (p: { count: number }) => ({ en: `The deal cannot be evaluated: ${count(p.count).en}, listed in "errors".`, zh: `项目无法测算：${count(p.count).zh}，见 errors。` }),
  },
  PDF_PRINTER_UNAVAILABLE: {
    status: 503,
    title: { en: 'PDF printing unavailable', zh: 'PDF 打印不可用' },
    detail: (p: { chromiumPath: string; hint: string }) => ({
      en: `The PDF term sheet is printed by Chromium, which is not installed at ${p.chromiumPath}. Install it: ${p.hint}. The .xlsx term sheet works without it.`,
      zh: `PDF 条款摘要由 Chromium 打印，但 ${p.chromiumPath} 处未安装 Chromium。安装方法：${p.hint}。.xlsx 条款摘要不受影响。`,
    }),
  },
  PDF_PRINT_FAILED: {
    status: 503,
    title: { en: 'PDF printing failed', zh: 'PDF 打印失败' },
    detail: (p: { reason: string }) => ({ en: `Chromium could not print the term sheet: ${p.reason}. Try again; the .xlsx term sheet is unaffected.`, zh: `Chromium 未能打印条款摘要：${p.reason}。请重试；.xlsx 条款摘要不受影响。` }),
  },
  INTERNAL_ERROR: {
    status: 500,
    title: { en: 'Internal server error', zh: '服务器内部错误' },
    detail: (_facts: Record<string, never>) => ({ en: 'The service failed to answer; the error has been logged.', zh: '服务未能完成请求，错误已记录。' }),
  },
} satisfies Record<string, { status: ContentfulStatusCode; title: LocalText; detail: (p: never) => LocalText }>;

export type ProblemCode = keyof typeof PROBLEM_CATALOGUE;
export type ProblemFacts<C extends ProblemCode> = Parameters<(typeof PROBLEM_CATALOGUE)[C]['detail']>[0];

/** The `type` URI of a problem (RFC 9457 §3.1.1); GET on it describes the problem type. */
export function describeProblemType(code: ProblemCode): string {
  return `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}
