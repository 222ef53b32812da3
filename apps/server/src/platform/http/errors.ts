import type { ErrorCode } from '@jiceng/contract';

/** The one error type. Modules own their codes (in @jiceng/contract ERROR_MESSAGES); the handler localises. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    /** field path → error code, localised with the same params */
    readonly fields?: Record<string, ErrorCode>,
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
