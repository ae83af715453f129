import type { Problem } from '../../deal/problem.js';

/**
 * Chinese for the field messages of common problem codes. Codes stay English (they are stable);
 * messages the table cannot render fully keep the English text beside a Chinese summary, so no
 * detail is lost; codes the table does not know keep their English message.
 */
type Translate = (message: string) => string;

const withOriginal = (summary: string): Translate => (message) => `${summary}（${message}）`;

const wholeNumber = /a whole number from (-?\d+) to (-?\d+)$/;

const TRANSLATIONS: Record<string, Translate> = {
  REQUIRED: () => '必填',
  UNKNOWN_FIELD: (message) => {
    const match = /^unknown field "(.*)"$/.exec(message);
    return match ? `未知字段 "${match[1]}"` : withOriginal('未知字段')(message);
  },
  OUT_OF_RANGE: (message) => {
    const match = /^must be between (\S+) and (\S+); got (\S+)$/.exec(message);
    return match ? `应在 ${match[1]} 与 ${match[2]} 之间，实际为 ${match[3]}` : withOriginal('超出允许范围')(message);
  },
  TOO_SMALL: (message) => {
    const match = wholeNumber.exec(message);
    return match ? `应为 ${match[1]} 到 ${match[2]} 之间的整数（${message}）` : withOriginal('取值过小')(message);
  },
  TOO_BIG: (message) => {
    const match = wholeNumber.exec(message);
    return match ? `应为 ${match[1]} 到 ${match[2]} 之间的整数（${message}）` : withOriginal('取值过大或条目过多')(message);
  },
  INVALID_TYPE: withOriginal('类型不正确'),
  INVALID_VALUE: withOriginal('取值无效'),
  INVALID_FORMAT: withOriginal('格式不正确'),
  NOT_MULTIPLE_OF: withOriginal('不是规定倍数'),
  TOO_DEEP: withOriginal('嵌套层级过深'),
};

/** A problem with its message in Chinese where the table has a translation. */
export function translateProblemToChinese(problem: Problem): Problem {
  const translate = TRANSLATIONS[problem.code];
  return translate ? { ...problem, message: translate(problem.message) } : problem;
}
