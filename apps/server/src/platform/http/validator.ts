// The validator of every route: the contract's zod schema (fastify-type-provider-zod), after one check that no
// string of the input — query, path parameter or body, at any depth, keys included — holds NUL, a control
// character or a lone surrogate (issue 15.8: PostgreSQL refused them with a 500). The answer is the usual 400
// validation.failed naming the field, in the caller's language.
import { z } from 'zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { TEXT_ISSUES, unsafeTextPath } from '@jiceng/contract';

type Compiler = typeof validatorCompiler;

const refuseAt = (path: PropertyKey[]) =>
  z.unknown().superRefine((_v, ctx) => { ctx.addIssue({ code: 'custom', path: path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: TEXT_ISSUES.unsafe }); });

export const safeValidatorCompiler: Compiler = (route) => {
  const validate = validatorCompiler(route);
  return (data: unknown) => {
    const bad = unsafeTextPath(data);
    if (bad) return validatorCompiler({ ...route, schema: refuseAt(bad) })(data);
    return validate(data);
  };
};
