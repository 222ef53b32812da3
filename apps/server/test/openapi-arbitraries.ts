// fast-check arbitraries from the JSON schemas of the served OpenAPI document (which are generated from the
// contract's zod schemas): values that match a schema, and hostile values an attacker would send instead.
import fc from 'fast-check';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;

/** A value picked at send time from the ids seen in earlier answers (real records make deeper paths reachable). */
export class Harvested {
  /** `field`: the property or parameter name the id is for (orgId, householdId, id…) */
  constructor(readonly pick: number, readonly field: string) {}
}

const NUL = String.fromCharCode(0);

/** Strings that broke or could break something: NUL, control and odd unicode, far dates, numbers as text, cursors. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', NUL, `a${NUL}b`, '%00', '\u0001\u0002\u001b[31m\u001f', '\u007f', '\t\r\n', '𠮷野家😀👩‍👩‍👧', '\u202egnp.exe', '\ud800', '\ufeff',
  'x'.repeat(5_000), '中'.repeat(2_000), '9999-12-31', '99999-12-31', '+010000-01-01', '0000-01-01', '2026-02-30', '2026-13-01',
  '1900-01-01', '2026-01-01T00:00:00.000Z', '99999', '2026-01-01T00:00:00.000Z|not-a-uuid', '99999-01-01T00:00:00.000Z|01900000-0000-7000-8000-000000000000',
  '|', 'not-a-uuid|2026', '-1', '0', '1.5', '1e308', '-1e308', 'NaN', 'Infinity', '9007199254740993', '99999999999999999999',
  "' OR '1'='1", '"; drop table orgs; --', '<script>alert(1)</script>', '../../../etc/passwd', '%', '\\', 'null', 'true', '[]', '{}',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '01900000-0000-7000-8000-000000000000',
  '__proto__', 'constructor',
];

const HOSTILE_NUMBERS: readonly number[] = [-1, 0, 1.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 1e308, -1e308, 5e-324, 99999, 100000000];

/** Any JSON value an attacker would put where a field is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 5 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], ['a', NUL], { $ne: 1 }, JSON.parse('{"__proto__":{"admin":true}}')), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constant(Array.from({ length: 2_000 }, () => 'a')), weight: 1 },
);

/** Query strings carry text only: a hostile scalar, or an array where a scalar belongs (?a=1&a=2). */
export const hostileQueryValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.array(fc.constantFrom('1', '', NUL, '9999-12-31', 'a'), { minLength: 2, maxLength: 3 }), weight: 2 },
);

export interface SchemaContext {
  doc: JsonSchema;
}

function resolve(ctx: SchemaContext, s: JsonSchema): JsonSchema {
  let cur = s;
  for (let i = 0; i < 10 && cur && typeof cur.$ref === 'string'; i++) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(cur.$ref);
    cur = (m ? ctx.doc.components?.schemas?.[decodeURIComponent(m[1]!)] : undefined) ?? {};
  }
  return cur ?? {};
}

const isoDay = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(s: JsonSchema, field: string): fc.Arbitrary<unknown> {
  const minLength = Number(s.minLength ?? 0);
  const maxLength = Math.min(Number(s.maxLength ?? minLength + 40), minLength + 40);
  if (s.format === 'uuid') return fc.oneof({ arbitrary: fc.nat().map((n) => new Harvested(n, field)), weight: 3 }, { arbitrary: fc.uuid({ version: 7 }), weight: 1 });
  if (s.format === 'date') return isoDay.map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'date-time') return isoDay.map((d) => d.toISOString());
  if (s.format === 'email') return fc.emailAddress();
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= minLength && v.length <= Number(s.maxLength ?? Infinity));
    } catch {
      // a pattern JavaScript cannot compile: plain text
    }
  }
  // an unconstrained string in a query is often a z.stringbool() (the document says only "string")
  const unconstrained = s.minLength === undefined && s.maxLength === undefined;
  return fc.oneof(
    { arbitrary: fc.constantFrom('true', 'false', '1', '0'), weight: unconstrained ? 6 : 0 },
    { arbitrary: fc.string({ minLength, maxLength }), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', minLength, maxLength }), weight: 1 },
  );
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.exclusiveMinimum !== undefined ? Number(s.exclusiveMinimum) + (integer ? 1 : 1e-9) : s.minimum !== undefined ? Number(s.minimum) : undefined;
  const hi = s.exclusiveMaximum !== undefined ? Number(s.exclusiveMaximum) - (integer ? 1 : 1e-9) : s.maximum !== undefined ? Number(s.maximum) : undefined;
  if (integer) {
    const min = Math.max(lo ?? -1_000_000, Number.MIN_SAFE_INTEGER);
    const max = Math.min(hi ?? 1_000_000, Number.MAX_SAFE_INTEGER);
    return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  }
  return fc.double({ min: lo ?? -1e6, max: hi ?? 1e6, noNaN: true, noDefaultInfinity: true });
}

/** Values that match the schema (as far as JSON Schema can say: refinements in zod may still refuse some). */
export function validArb(ctx: SchemaContext, schema: JsonSchema, depth = 0, field = ''): fc.Arbitrary<unknown> {
  const s = resolve(ctx, schema);
  if (depth > 8) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validArb(ctx, a, depth + 1, field)));
  if (Array.isArray(s.allOf) && s.allOf.length) return validArb(ctx, s.allOf[0], depth + 1, field);
  if (Array.isArray(s.type)) return fc.oneof(...(s.type as string[]).map((type) => validArb(ctx, { ...s, type }, depth + 1, field)));
  switch (s.type) {
    case 'string': return stringArb(s, field);
    case 'integer': return numberArb(s, true);
    case 'number': return numberArb(s, false);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      if (Array.isArray(s.prefixItems)) return fc.tuple(...(s.prefixItems as JsonSchema[]).map((p) => validArb(ctx, p, depth + 1)));
      const minLength = Number(s.minItems ?? 0);
      const maxLength = Math.min(Number(s.maxItems ?? minLength + 3), minLength + 3);
      return fc.array(validArb(ctx, s.items ?? {}, depth + 1, field.replace(/s$/, '')), { minLength, maxLength });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const keys = Object.keys(props);
      if (!keys.length) {
        if (s.additionalProperties && typeof s.additionalProperties === 'object') {
          return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), validArb(ctx, s.additionalProperties, depth + 1), { maxKeys: 3 });
        }
        return fc.constant({});
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const k of keys) record[k] = validArb(ctx, props[k]!, depth + 1, k);
      return fc.record(record, { requiredKeys: ((s.required ?? []) as string[]).filter((k) => k in record) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value that matches the schema most of the time, a hostile one otherwise. */
export function fieldArb(ctx: SchemaContext, schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: validArb(ctx, schema), weight: 3 }, { arbitrary: hostileValue, weight: 1 });
}

/**
 * A request body for the schema: valid; valid with one field hostile, missing or unknown; or hostile as a whole.
 */
export function bodyArb(ctx: SchemaContext, schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = validArb(ctx, schema);
  const mutated = fc.tuple(valid, fc.nat(), hostileValue, fc.constantFrom('replace', 'delete', 'extra')).map(([v, n, bad, how]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return bad;
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(out);
    const key = keys.length ? keys[n % keys.length]! : 'x';
    if (how === 'delete') delete out[key];
    else if (how === 'extra') out[`extra${n % 7}`] = bad;
    else out[key] = bad;
    return out;
  });
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: mutated, weight: 4 }, { arbitrary: hostileValue, weight: 1 });
}

/** The query of an operation: valid values, or valid ones with one parameter hostile, or an unknown one added. */
export function queryArb(ctx: SchemaContext, params: readonly JsonSchema[]): fc.Arbitrary<Record<string, unknown>> {
  const valid = fc.record(
    Object.fromEntries(params.map((p) => [p.name as string, validArb(ctx, p.schema ?? {}, 0, p.name as string)])),
    { requiredKeys: params.filter((p) => p.required).map((p) => p.name as string) },
  );
  const mutated = fc.tuple(valid, fc.nat(), hostileQueryValue).map(([q, n, bad]) => {
    const key = params.length && n % 5 ? (params[n % params.length]!.name as string) : 'zz';
    return { ...q, [key]: bad };
  });
  return fc.oneof({ arbitrary: valid, weight: 1 }, { arbitrary: mutated, weight: 1 });
}

/** Boundary values for one input slot, by the slot's type: every one of them is tried once per slot. */
export function boundaryValues(ctx: SchemaContext, schema: JsonSchema, inQuery: boolean): unknown[] {
  const s = resolve(ctx, schema);
  const types = new Set<string>([s.type, ...(s.anyOf ?? []).map((a: JsonSchema) => resolve(ctx, a).type)].flat().filter(Boolean));
  if (inQuery) return [`a${NUL}b`, '\u0001\u001b', 'x'.repeat(5_000), '99999-12-31', '2026-01-01T00:00:00.000Z|not-a-uuid', ['1', '2']];
  const out: unknown[] = [null];
  if (types.has('string') || !types.size) out.push(`a${NUL}b`, '𠮷\ud800', 'x'.repeat(100_000), '99999-12-31');
  if (types.has('integer') || types.has('number')) out.push(-1, 1e308);
  if (types.has('array')) out.push(Array.from({ length: 5_000 }, () => 'a'));
  if (types.has('object')) out.push('x');
  return out;
}
