import { buildPath, ROUTES, type RouteName } from './routes.js';

/** One problem of an answer (problem+json `errors`), by the path of the field it names. */
export interface FieldProblem {
  code: string;
  path: string;
  message: string;
}

/** An answer that is not 2xx: the problem+json body, whatever the status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[],
    readonly body: unknown,
  ) {
    super(detail || title);
  }
}

export interface ClientSettings {
  key: () => string | null;
  language: () => 'zh-CN' | 'en';
  /** Called on 401: the key is no longer good, the page signs out. */
  onUnauthorised?: () => void;
}

export interface CallOptions {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Reply<T> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * The page's only way to the server: the key as a Bearer header (never in a URL), the language in
 * Accept-Language (so problems come back in it), problem+json turned into an ApiError.
 */
export function createClient(settings: ClientSettings) {
  async function send(name: RouteName, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Accept-Language': settings.language(), ...options.headers };
    const key = settings.key();
    if (key) headers.Authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(buildPath(name, options.params, options.query), { method: ROUTES[name].method, headers, body, signal: options.signal });
    if (!response.ok) {
      const text = await response.text();
      let problem: any = {};
      try {
        problem = JSON.parse(text);
      } catch {
        problem = { title: response.statusText, detail: text };
      }
      if (response.status === 401) settings.onUnauthorised?.();
      throw new ApiError(response.status, problem.title ?? String(response.status), problem.detail ?? '', Array.isArray(problem.errors) ? problem.errors : [], problem);
    }
    return response;
  }

  async function call<T = any>(name: RouteName, options: CallOptions = {}): Promise<Reply<T>> {
    const response = await send(name, options);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
  }

  /** A binary answer (a workbook) as a Blob and the file name its Content-Disposition gives. */
  async function download(name: RouteName, options: CallOptions = {}): Promise<{ blob: Blob; fileName: string }> {
    const response = await send(name, { ...options, headers: { ...options.headers, Accept: '*/*' } });
    const disposition = response.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    const plain = /filename="([^"]+)"/i.exec(disposition);
    const fileName = star ? decodeURIComponent(star[1]!) : plain ? plain[1]! : 'term-sheet.xlsx';
    return { blob: await response.blob(), fileName };
  }

  return { call, download };
}

export type Client = ReturnType<typeof createClient>;
