// A small client for the Hearken REST API: same-origin fetch with the session
// cookie, the CSRF token on every state-changing request, and problem+json
// errors turned into ApiError values the forms can show.

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: string | null;

  constructor(status: number, problem: Problem, retryAfter: string | null = null) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** Field name → message, for showing each message next to its control. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e && typeof e.field === 'string' && !(e.field in out)) out[e.field] = String(e.message ?? '');
    }
    return out;
  }
}

let csrfToken = '';
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when any request (other than sign-in) answers 401: the session ended. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

const FALLBACK: Record<number, string> = {
  400: 'The request was not understood.',
  401: 'You are not signed in.',
  403: 'Your role does not allow this.',
  404: 'Not found.',
  409: 'This conflicts with an existing record.',
  413: 'The request is too large.',
  422: 'Some fields need attention.',
  429: 'Too many attempts. Please wait and try again.',
  500: 'The server had a problem. Please try again.',
  503: 'The service is unavailable. Please try again shortly.',
};

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  // A file sent as the raw body (the social-mention import): its own type.
  const isBlob = typeof Blob !== 'undefined' && body instanceof Blob;
  if (isBlob) headers['Content-Type'] = (body as Blob).type || 'application/octet-stream';
  else if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : isBlob ? (body as Blob) : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached.' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const problem: Problem =
      data && typeof data === 'object' ? (data as Problem) : { title: res.statusText, status: res.status };
    if (!problem.detail) problem.detail = problem.title && problem.title !== 'Error' ? problem.title : FALLBACK[res.status];
    if (!problem.detail) problem.detail = `Request failed (${res.status}).`;
    if (res.status === 401 && !path.startsWith('/api/v1/auth/') && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(res.status, problem, res.headers.get('Retry-After'));
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
  /** multipart/form-data POST (file uploads); the browser sets the boundary. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** Builds a query string from the non-empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
