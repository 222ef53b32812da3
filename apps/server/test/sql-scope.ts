// The Citus rule, checked on real statements with a SQL parser (issue 13): every reference to a tenant table is
// constrained by `county_id = <constant>` in its own SELECT (WHERE or JOIN ON, per table alias), or equated to the
// county_id of another alias of the same SELECT that is; a correlated subquery, a LATERAL or a CTE must repeat it
// (an outer `h.county_id = $1` does not make a subquery's `r.county_id = h.county_id` single-shard). An INSERT …
// VALUES carries county_id; an UPDATE never SETs it (Citus: "modifying the partition value of rows is not allowed").
import { parse, type Expr, type From, type Statement, type SelectStatement, type SelectFromStatement } from 'pgsql-ast-parser';

export interface Finding {
  table: string;
  alias: string;
  problem: 'unconstrained' | 'joinNeverMatches' | 'setsCountyId' | 'insertWithoutCountyId';
}

/** pgsql-ast-parser lacks a few PostgreSQL forms the app uses; rewrite them to equivalents it reads. */
function normalize(query: string): string {
  return stripGroupingSets(query)
    .replace(/\bis\s+not\s+distinct\s+from\b/gi, '=')
    .replace(/\bis\s+distinct\s+from\b/gi, '<>')
    .replace(/\b[a-z_]+\s*=>\s*/gi, '') // named function arguments: make_interval(days => n)
    .replace(/\bas\s+(?:not\s+)?materialized\s*\(/gi, 'as (') // with x as not materialized (…): a planner hint
    // a record function's column definitions, jsonb_to_recordset(…) as p(member_id uuid, from_on date): no table in them
    .replace(/\)\s+as\s+([a-z_]\w*)\s*\(\s*[a-z_]\w*\s+[a-z_]\w*(?:\s*,\s*[a-z_]\w*\s+[a-z_]\w*)*\s*\)/gi, ') as $1')
}

/** `group by grouping sets ((a), (b), ())` → `group by 1`: grouping keys hold no table references here */
function stripGroupingSets(query: string): string {
  for (let m = /grouping\s+sets\s*\(/i.exec(query); m; m = /grouping\s+sets\s*\(/i.exec(query)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < query.length && depth > 0; i++) depth += query[i] === '(' ? 1 : query[i] === ')' ? -1 : 0;
    query = `${query.slice(0, m.index)}1${query.slice(i)}`;
  }
  return query;
}

export function parseStatements(query: string): Statement[] {
  return parse(normalize(query));
}

const isConstant = (e: Expr | null | undefined): boolean => {
  if (!e) return false;
  switch (e.type) {
    case 'parameter': case 'string': case 'integer': case 'numeric': case 'boolean': return true;
    case 'cast': return isConstant(e.operand);
    case 'array': return e.expressions.every(isConstant);
    case 'call': return ['any'].includes(e.function.name.toLowerCase()) && e.args.every(isConstant);
    case 'list': return e.expressions.every(isConstant);
    default: return false;
  }
};

const conjuncts = (e: Expr | null | undefined): Expr[] => {
  if (!e) return [];
  if (e.type === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
};

interface Scope { aliases: Map<string, string>; /* alias → table name (tenant tables only) */ single: string | null }

/** the alias a `county_id` reference belongs to in this scope, or null (another column, an outer alias) */
function countyAlias(e: Expr, scope: Scope): string | null {
  const x = e.type === 'cast' ? e.operand : e;
  if (x.type !== 'ref' || x.name !== 'county_id') return null;
  if (x.table) return scope.aliases.has(x.table.name) ? x.table.name : null;
  return scope.single;
}

/** tenant aliases of one SELECT (or UPDATE / DELETE target) constrained by its conjuncts */
function constrained(scope: Scope, conds: Expr[]): Set<string> {
  const ok = new Set<string>();
  const links: [string, string][] = [];
  for (const c of conds) {
    if (c.type === 'binary' && (c.op === '=' || c.op === 'IN')) {
      const l = countyAlias(c.left, scope);
      const r = countyAlias(c.right, scope);
      if (l && isConstant(c.right)) ok.add(l);
      if (r && isConstant(c.left)) ok.add(r);
      if (l && r) links.push([l, r]);
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [a, b] of links) {
      if (ok.has(a) && !ok.has(b)) { ok.add(b); changed = true; }
      if (ok.has(b) && !ok.has(a)) { ok.add(a); changed = true; }
    }
  }
  return ok;
}

/** Every violation of the rule in one statement; `tenant` names the tenant tables. */
export function checkStatement(stmt: Statement, tenant: ReadonlySet<string>, params: readonly unknown[] = []): Finding[] {
  const out: Finding[] = [];
  const isNullParam = (e: Expr): boolean => {
    const x = e.type === 'cast' ? e.operand : e;
    return x.type === 'parameter' && /^\$\d+$/.test(x.name) && params[Number(x.name.slice(1)) - 1] === null;
  };
  const ctes = new Set<string>();
  const isTenant = (name: string) => tenant.has(name) && !ctes.has(name);

  // any nested statement inside an expression tree (subqueries, EXISTS, IN (select …), scalar subqueries)
  const walkExpr = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) { node.forEach(walkExpr); return; }
    const n = node as { type?: string };
    if (n.type && ['select', 'union', 'union all', 'with', 'with recursive', 'values', 'insert', 'update', 'delete'].includes(n.type)) {
      statement(n as Statement);
      return;
    }
    for (const v of Object.values(n)) walkExpr(v);
  };

  const select = (s: SelectFromStatement) => {
    const scope: Scope = { aliases: new Map(), single: null };
    const conds: Expr[] = [...conjuncts(s.where)];
    const froms: From[] = s.from ?? [];
    for (const f of froms) {
      if (f.type === 'table' && isTenant(f.name.name)) scope.aliases.set(f.name.alias ?? f.name.name, f.name.name);
      if (f.join?.on) conds.push(...conjuncts(f.join.on));
    }
    if (froms.length === 1 && froms[0]!.type === 'table') scope.single = [...scope.aliases.keys()][0] ?? null;
    const ok = constrained(scope, conds);
    for (const [alias, table] of scope.aliases) if (!ok.has(alias)) out.push({ table, alias, problem: 'unconstrained' });
    // `left join orgs ch on … and ch.parent_id = NULL`: never true; Citus prunes the table to no shard and then
    // refuses the join as a "complex join" (issue 13, point 5: the case statistics of a department)
    for (const f of froms) {
      if (f.type !== 'table' || !isTenant(f.name.name) || !f.join?.on) continue;
      if (conjuncts(f.join.on).some((c) => c.type === 'binary' && c.op === '=' && (isNullParam(c.left) || isNullParam(c.right)))) {
        out.push({ table: f.name.name, alias: f.name.alias ?? f.name.name, problem: 'joinNeverMatches' });
      }
    }
    for (const f of froms) {
      if (f.type === 'statement') statement(f.statement);
      else if (f.type === 'call') walkExpr(f.args);
      if (f.join?.on) walkExpr(f.join.on);
    }
    walkExpr([s.columns, s.where, s.groupBy, s.having, s.orderBy, s.limit]);
  };

  const statement = (st: Statement | SelectStatement): void => {
    switch (st.type) {
      case 'select': select(st); return;
      case 'union': case 'union all': statement(st.left); statement(st.right); return;
      case 'values': walkExpr(st.values); return;
      case 'with':
        for (const b of st.bind) { ctes.add(b.alias.name); statement(b.statement); }
        statement(st.in);
        return;
      case 'with recursive':
        ctes.add(st.alias.name); statement(st.bind); statement(st.in);
        return;
      case 'insert': {
        const table = st.into.name;
        if (isTenant(table)) {
          if (st.insert.type === 'values' && !(st.columns ?? []).some((c) => c.name === 'county_id')) {
            out.push({ table, alias: st.into.alias ?? table, problem: 'insertWithoutCountyId' });
          }
          const sets = st.onConflict && st.onConflict.do !== 'do nothing' ? st.onConflict.do.sets : [];
          if (sets.some((x) => x.column.name === 'county_id')) out.push({ table, alias: table, problem: 'setsCountyId' });
        }
        statement(st.insert);
        if (st.onConflict && st.onConflict.do !== 'do nothing') walkExpr(st.onConflict.do.sets.map((x) => x.value));
        walkExpr(st.returning);
        return;
      }
      case 'update': case 'delete': {
        const target = st.type === 'update' ? st.table : st.from;
        const scope: Scope = { aliases: new Map(), single: null };
        if (isTenant(target.name)) scope.aliases.set(target.alias ?? target.name, target.name);
        const from = st.type === 'update' ? st.from : null;
        if (from?.type === 'table' && isTenant(from.name.name)) scope.aliases.set(from.name.alias ?? from.name.name, from.name.name);
        scope.single = from ? null : ([...scope.aliases.keys()][0] ?? null);
        const ok = constrained(scope, conjuncts(st.where));
        for (const [alias, table] of scope.aliases) if (!ok.has(alias)) out.push({ table, alias, problem: 'unconstrained' });
        if (st.type === 'update' && isTenant(target.name) && st.sets.some((x) => x.column.name === 'county_id')) {
          out.push({ table: target.name, alias: target.alias ?? target.name, problem: 'setsCountyId' });
        }
        if (from?.type === 'statement') statement(from.statement);
        walkExpr([st.where, st.returning, st.type === 'update' ? st.sets.map((x) => x.value) : null]);
        return;
      }
      default:
        return; // DDL, SET, advisory locks via select are handled above; others touch no tenant rows
    }
  };

  statement(stmt);
  return out;
}

/** Violations of a query text (several statements allowed); throws when the parser cannot read it. */
export function checkQuery(query: string, tenant: ReadonlySet<string>, params: readonly unknown[] = []): Finding[] {
  return parseStatements(query).flatMap((s) => checkStatement(s, tenant, params));
}
