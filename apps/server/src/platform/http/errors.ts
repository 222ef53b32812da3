import type { ErrorCode } from '@jiceng/contract';

/** The one error type. Modules own their codes (in @jiceng/contract ERROR_MESSAGES); the handler localises. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    /** field path → error code, localised with the same params (or the field's own, below) */
    readonly fields?: Record<string, ErrorCode>,
    /** field path → the params of that field's message, when the fields' problems differ */
    readonly fieldParams?: Record<string, Record<string, string | number>>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('notFound', 404);
export const forbidden = (code: ErrorCode = 'auth.forbidden') => new AppError(code, 403);
export const conflict = (code: ErrorCode, field: string, params: Record<string, string | number> = {}) =>
  new AppError(code, 409, params, { [field]: code });
export const unprocessable = (code: ErrorCode, field?: string, params: Record<string, string | number> = {}) =>
  new AppError(code, 422, params, field ? { [field]: code } : undefined);

/** A rule broken by one field of an input (prepare… functions return these instead of throwing). */
export interface FieldProblem {
  field: string;
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** All problems of one input as one error: 403 when the first is out of scope, else 422; every field named. */
export function problemsError(problems: FieldProblem[]): AppError {
  const first = problems[0]!;
  return new AppError(first.code, first.code === 'auth.outOfScope' ? 403 : 422, first.params ?? {}, Object.fromEntries(problems.map((x) => [x.field, x.code])),
    Object.fromEntries(problems.filter((x) => x.params).map((x) => [x.field, x.params!])));
}
