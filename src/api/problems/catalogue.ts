import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** A text in both languages of the service. */
export interface LocalText {
  en: string;
  zh: string;
}

/** What a request may name and not find. */
export type Noun = 'deal' | 'revision' | 'scenario' | 'template' | 'organisation' | 'share' | 'portfolio' | 'key' | 'job' | 'term-sheet-link';
const NOUN_ZH: Record<Noun, string> = { deal: '项目', revision: '版本', scenario: '情景', template: '模板', organisation: '组织', share: '共享', portfolio: '片区组合', key: 'API 密钥', job: '任务', 'term-sheet-link': '条款摘要链接' };

const JOB_KIND_ZH: Record<string, string> = { evaluation: '测算', 'term-sheet': '条款摘要', analysis: '分析', portfolio: '片区组合', simulation: '模拟' };

/** A storage fault in words a client can relay; nothing was written, the operator has to act. */
const STORAGE_CAUSE_TEXT: Record<'disk-full' | 'read-only' | 'locked' | 'missing-directory' | 'io' | 'unavailable', LocalText> = {
  'disk-full': { en: 'The service cannot save right now: the disk holding its database is full. Nothing was written; retry once the operator has freed space.', zh: '服务暂时无法保存：数据库所在磁盘已满。本次未写入任何内容；请待运维释放空间后重试。' },
  'read-only': { en: 'The service cannot save right now: its database is read-only (file, folder or file system). Nothing was written; retry once the operator has fixed it.', zh: '服务暂时无法保存：数据库为只读（文件、目录或文件系统）。本次未写入任何内容；请待运维修复后重试。' },
  locked: { en: 'The service is busy: its database stayed locked by another writer. Nothing was written; retry in a moment.', zh: '服务繁忙：数据库被其他写入者长时间锁定。本次未写入任何内容；请稍后重试。' },
  'missing-directory': { en: 'The service cannot reach its database file. Nothing was written; retry once the operator has fixed it.', zh: '服务无法访问数据库文件。本次未写入任何内容；请待运维修复后重试。' },
  io: { en: 'The service cannot read or write its database (an I/O error). Nothing was written; retry once the operator has checked the disk.', zh: '服务无法读写数据库（I/O 错误）。本次未写入任何内容；请待运维检查磁盘后重试。' },
  unavailable: { en: 'The service cannot reach its database server. Nothing was written; retry once the operator has it running again.', zh: '服务无法连接数据库服务器。本次未写入任何内容；请待运维恢复后重试。' },
};

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
        : { en: 'The API key is unknown, revoked or expired.', zh: 'API 密钥不存在、已被吊销或已过期。' },
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
  READ_ONLY_PORTFOLIO_SHARE: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权操作' },
    detail: (p: { id: string; owner: string }) => ({
      en: `Portfolio "${p.id}" is shared with your organisation read-only by ${p.owner}; only ${p.owner} can change or share it.`,
      zh: `片区组合 "${p.id}" 由 ${p.owner} 以只读方式共享给贵组织，只有 ${p.owner} 可以修改或共享。`,
    }),
  },
  LAST_ADMIN_KEY: {
    status: 409,
    title: { en: 'Last admin key', zh: '最后一个管理员密钥' },
    detail: (p: { id: string }) => ({
      en: `Key "${p.id}" is your organisation's last active admin key: create another admin key first (POST /api/v1/keys), then revoke this one.`,
      zh: `密钥 "${p.id}" 是贵组织最后一个有效的管理员密钥：请先创建另一个管理员密钥（POST /api/v1/keys），再吊销此密钥。`,
    }),
  },
  LINK_INVALID: {
    status: 403,
    title: { en: 'Link not valid', zh: '链接无效' },
    detail: (_facts: Record<string, never>) => ({
      en: 'This link is not valid: it was altered, or the key that made it was revoked, or the deal is no longer shared with its organisation. Ask for a new link.',
      zh: '此链接无效：链接被改动，或生成它的密钥已被吊销，或该项目已不再共享给其组织。请重新获取链接。',
    }),
  },
  LINK_EXPIRED: {
    status: 410,
    title: { en: 'Link expired', zh: '链接已过期' },
    detail: (p: { expiredAt: string }) => ({ en: `This link expired at ${p.expiredAt}. Ask for a new link.`, zh: `此链接已于 ${p.expiredAt} 过期，请重新获取链接。` }),
  },
  LINK_REVOKED: {
    status: 410,
    title: { en: 'Link revoked', zh: '链接已撤销' },
    detail: (p: { revokedAt: string }) => ({ en: `This link was revoked at ${p.revokedAt}. Ask for a new link.`, zh: `此链接已于 ${p.revokedAt} 撤销，请重新获取链接。` }),
  },
  LINK_OF_ANOTHER_KEY: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权操作' },
    detail: (p: { id: string }) => ({
      en: `Link "${p.id}" was made with another key of your organisation: only that key or an admin key can revoke it.`,
      zh: `链接 "${p.id}" 由贵组织的另一个密钥生成：只有该密钥或管理员密钥可以撤销它。`,
    }),
  },
  LINK_NOT_REVOCABLE: {
    status: 409,
    title: { en: 'Link cannot be revoked on its own', zh: '链接无法单独撤销' },
    detail: (p: { expiresAt: string }) => ({
      en: `This link was made before links could be revoked one by one: it works until ${p.expiresAt}, unless the key that made it is revoked (DELETE /api/v1/keys/{keyId}) or the deal's share is withdrawn.`,
      zh: `此链接生成于支持单独撤销之前：有效期至 ${p.expiresAt}，除非吊销生成它的密钥（DELETE /api/v1/keys/{keyId}）或撤回项目共享。`,
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
  JSON_TOO_DEEP: {
    status: 400,
    title: { en: 'JSON nested too deeply', zh: 'JSON 嵌套过深' },
    detail: (p: { maxDepth: number }) => ({
      en: `The request body is nested more than ${p.maxDepth} levels deep; no request of this API needs that many.`,
      zh: `请求体的嵌套超过 ${p.maxDepth} 层；本接口的任何请求都无需如此深的嵌套。`,
    }),
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: { en: 'Unsupported media type', zh: '不支持的内容类型' },
    detail: (_facts: Record<string, never>) => ({ en: 'Send the body as JSON with "Content-Type: application/json".', zh: '请以 JSON 发送请求体，并设置 "Content-Type: application/json"。' }),
  },
  PATCH_MEDIA_TYPE: {
    status: 415,
    title: { en: 'Unsupported media type', zh: '不支持的内容类型' },
    detail: (_facts: Record<string, never>) => ({
      en: 'Send a JSON Patch (an array of operations) with "Content-Type: application/json-patch+json", or a JSON merge patch (an object) with "Content-Type: application/merge-patch+json".',
      zh: '请以 "Content-Type: application/json-patch+json" 发送 JSON Patch（操作数组），或以 "Content-Type: application/merge-patch+json" 发送 JSON 合并补丁（对象）。',
    }),
  },
  BODY_TOO_LARGE: {
    status: 413,
    title: { en: 'Request body too large', zh: '请求体过大' },
    detail: (p: { limitBytes: number }) => ({ en: `The request body is larger than the limit of ${p.limitBytes} bytes.`, zh: `请求体超过 ${p.limitBytes} 字节的上限。` }),
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    title: { en: 'Request headers too large', zh: '请求头过大' },
    detail: (p: { limitBytes: number }) => ({ en: `The request's headers are larger than the limit of ${p.limitBytes} bytes; send a shorter cookie, key or header.`, zh: `请求头超过 ${p.limitBytes} 字节的上限；请缩短 Cookie、密钥或其他请求头。` }),
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
  JOB_TIME_BUDGET_EXCEEDED: {
    status: 503,
    title: { en: 'Job time budget exceeded', zh: '任务超出时间预算' },
    detail: (p: { kind: string; budgetMs: number }) => ({
      en: `The ${p.kind} job ran past its time budget of ${p.budgetMs / 1000} s and was stopped; other requests were not affected. Ask for less work (fewer draws, cases or members) or retry when the service is less busy.`,
      zh: `该${JOB_KIND_ZH[p.kind] ?? p.kind}任务超出 ${p.budgetMs / 1000} 秒的时间预算，已被停止；其他请求不受影响。请减少计算量（抽样次数、情形或成员）或稍后重试。`,
    }),
  },
  TOO_MANY_LONG_JOBS: {
    status: 429,
    title: { en: 'Too many long jobs', zh: '长任务过多' },
    detail: (p: { running: number; limit: number; retryAfterSeconds: number }) => ({
      en: `Your organisation already has ${p.running} long jobs (simulations, goal seeks, sensitivities, stress packs, portfolio runs) running, its limit of ${p.limit}. Retry after ${p.retryAfterSeconds} s, when one has finished.`,
      zh: `贵组织已有 ${p.running} 个长任务（模拟、目标求解、敏感性、压力测试、片区组合）在运行，达到上限 ${p.limit}。请在 ${p.retryAfterSeconds} 秒后重试。`,
    }),
  },
  STORAGE_UNAVAILABLE: {
    status: 503,
    title: { en: 'Storage unavailable', zh: '存储不可用' },
    detail: (p: { cause: 'disk-full' | 'read-only' | 'locked' | 'missing-directory' | 'io' | 'unavailable' }) => STORAGE_CAUSE_TEXT[p.cause],
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
  TOO_MANY_QUEUED_JOBS: {
    status: 429,
    title: { en: 'Too many queued jobs', zh: '排队任务过多' },
    detail: (p: { queued: number; limit: number; retryAfterSeconds: number }) => ({
      en: `Your organisation already has ${p.queued} jobs waiting to start, its limit of ${p.limit}. Retry after ${p.retryAfterSeconds} s, or cancel one (DELETE /api/v1/jobs/{id}).`,
      zh: `贵组织已有 ${p.queued} 个任务在排队，达到上限 ${p.limit}。请在 ${p.retryAfterSeconds} 秒后重试，或取消其中一个（DELETE /api/v1/jobs/{id}）。`,
    }),
  },
  TOO_MANY_SHARES: {
    status: 422,
    title: { en: 'Too many shares', zh: '共享过多' },
    detail: (p: { scope: 'deal' | 'portfolio' | 'organisation'; limit: number }) =>
      p.scope === 'organisation'
        ? {
            en: `Your organisation already shares its deals and portfolios with ${p.limit} different organisations, its limit: sharing with one more is refused (sharing again with one of them is not). Remove shares that are no longer needed, or ask the operator to raise SHARE_ORGANISATIONS_PER_ORGANISATION.`,
            zh: `贵组织的项目和片区组合已共享给 ${p.limit} 个不同的组织，达到上限：不能再共享给新的组织（仍可共享给其中已有的组织）。请删除不再需要的共享，或请运维调高 SHARE_ORGANISATIONS_PER_ORGANISATION。`,
          }
        : {
            en: `This ${p.scope} is already shared with ${p.limit} organisations, its limit. Remove a share that is no longer needed, or ask the operator to raise SHARES_PER_DEAL.`,
            zh: `该${p.scope === 'deal' ? '项目' : '片区组合'}已共享给 ${p.limit} 个组织，达到上限。请删除不再需要的共享，或请运维调高 SHARES_PER_DEAL。`,
          },
  },
  JOB_NOT_FINISHED: {
    status: 409,
    title: { en: 'Job not finished', zh: '任务尚未完成' },
    detail: (p: { id: string; status: string }) => ({ en: `Job "${p.id}" is ${p.status}; its result is here once it has succeeded or failed. Follow GET /api/v1/jobs/${p.id} or its events.`, zh: `任务 "${p.id}" 当前状态为 ${p.status}；成功或失败后方可取得结果。请查询 GET /api/v1/jobs/${p.id} 或订阅其进度事件。` }),
  },
  JOB_CANCELLED: {
    status: 409,
    title: { en: 'Job cancelled', zh: '任务已取消' },
    detail: (p: { id: string }) => ({ en: `Job "${p.id}" was cancelled before it finished: it has no result. Submit the request again to run it.`, zh: `任务 "${p.id}" 在完成前已被取消，没有结果。如需结果请重新提交请求。` }),
  },
  JOB_ALREADY_FINISHED: {
    status: 409,
    title: { en: 'Job already finished', zh: '任务已结束' },
    detail: (p: { id: string; status: string }) => ({ en: `Job "${p.id}" has already ${p.status === 'cancelled' ? 'been cancelled' : p.status}: there is nothing to cancel.`, zh: `任务 "${p.id}" 已结束（${p.status}），无可取消。` }),
  },
  JOB_RUNNING_ELSEWHERE: {
    status: 409,
    title: { en: 'Job running in another process', zh: '任务正在其他进程中运行' },
    detail: (p: { id: string }) => ({
      en: `Job "${p.id}" is running in another service process, which alone can stop it: cancel it through that process, or wait for its end (a process that stopped has it failed as interrupted when it starts again).`,
      zh: `任务 "${p.id}" 正在另一个服务进程中运行，只有该进程能停止它：请通过该进程取消，或等待其结束（已停止的进程重新启动时会将其记为中断）。`,
    }),
  },
  JOB_NOT_YOURS: {
    status: 403,
    title: { en: 'Forbidden', zh: '无权操作' },
    detail: (p: { id: string }) => ({ en: `Job "${p.id}" was submitted with another key of your organisation: only that key or an admin key may cancel it.`, zh: `任务 "${p.id}" 由贵组织的另一把密钥提交：只有该密钥或管理员密钥可以取消。` }),
  },
  JOB_RESULT_EXPIRED: {
    status: 410,
    title: { en: 'Job result expired', zh: '任务结果已过期' },
    detail: (p: { id: string; expiredAt: string }) => ({ en: `The result of job "${p.id}" was kept until ${p.expiredAt} and is gone. Submit the request again.`, zh: `任务 "${p.id}" 的结果保留至 ${p.expiredAt}，现已删除。请重新提交请求。` }),
  },
  JOB_INTERRUPTED: {
    status: 503,
    title: { en: 'Job interrupted', zh: '任务被中断' },
    detail: (p: { id: string }) => ({ en: `Job "${p.id}" was queued or running when the service stopped; it did not finish and cannot be resumed (its key is never stored). Submit the request again.`, zh: `服务停止时任务 "${p.id}" 正在排队或运行，未能完成且无法恢复（密钥从不保存）。请重新提交请求。` }),
  },
  JOB_FAILED: {
    status: 500,
    title: { en: 'Job failed', zh: '任务失败' },
    detail: (p: { id: string }) => ({ en: `Job "${p.id}" failed without an answer; the error has been logged. Submit the request again.`, zh: `任务 "${p.id}" 未能给出结果即失败，错误已记录。请重新提交请求。` }),
  },
  CONCURRENT_CHANGE: {
    status: 409,
    title: { en: 'Concurrent change', zh: '并发修改冲突' },
    detail: (_facts: Record<string, never>) => ({
      en: 'Another change to the same record was saved at the same moment, and this one was refused so that neither is lost. Nothing was written; read it again and retry.',
      zh: '同一记录在同一时刻已被另一项修改保存，为避免覆盖，本次修改被拒绝。本次未写入任何内容；请重新读取后重试。',
    }),
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
