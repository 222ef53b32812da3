import { pinyin } from 'pinyin-pro';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * What a name is found by: the characters, the full pinyin and the initials, lower case
 * ("张三" → "张三 zhangsan zs"). Stored in a column with a trigram GIN index.
 */
export function searchText(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) => s.toLowerCase().replace(/\s+/g, ''));
  const full = syllables.join('');
  const initials = syllables.map((s) => s.charAt(0)).join('');
  return `${name.toLowerCase()} ${full} ${initials}`;
}

/** ILIKE through the trigram index (PGlite: avoid the % operator, see PITFALLS.md). */
export function matchSearch(column: AnyColumn, q: string): SQL {
  const needle = q.trim().toLowerCase().replace(/\s+/g, '').replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} ilike ${`%${needle}%`}`;
}
