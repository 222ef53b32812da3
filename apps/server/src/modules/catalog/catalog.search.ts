// The guide's search (办事指南): a resident types what they call the thing (低保), a word of the material they hold
// (居住证), or pinyin / initials on a phone keyboard (dibao, db). A county's catalog is tens to a few hundred items,
// so the match runs here over the county's rows (one indexed query) and ranks what it finds: name, then alias,
// then pinyin of either, then the conditions and materials.
import { searchText } from '../../platform/search/pinyin.js';

export interface Searchable { id: string; code: string; name: string; aliases: string[]; conditions: string | null; materials: string[]; updatedAt: Date }

interface Haystack { name: string; aliases: string; spoken: string; body: string; bodyPinyin: string }

/** Whitespace and the apostrophes of typed pinyin (xi'an) do not count. */
export const normalizeQuery = (q: string) => q.trim().toLowerCase().replace(/[\s'’]+/g, '');

// pinyin-pro over every item's conditions on every keystroke would be wasted: one haystack per item version
const cache = new Map<string, Haystack>();
const CACHE_MAX = 5000;

function haystack(i: Searchable): Haystack {
  const key = `${i.id}@${i.updatedAt.getTime()}`;
  let h = cache.get(key);
  if (!h) {
    const body = [i.conditions ?? '', ...i.materials].join('\n');
    // searchText = "字 pinyin initials"; for conditions and materials only the full pinyin (initials of a
    // paragraph would match almost any two letters)
    const bodyPinyin = body ? searchText(body.replace(/\s+/g, '')).split(' ')[1] ?? '' : '';
    h = {
      name: i.name.toLowerCase(),
      aliases: i.aliases.join('\n').toLowerCase(),
      spoken: [i.name, ...i.aliases].map((s) => searchText(s.replace(/\s+/g, ''))).join('\n'),
      body: body.toLowerCase(),
      bodyPinyin,
    };
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(key, h);
  }
  return h;
}

/** 0 = the name, 1 = an alias, 2 = the code, 3 = pinyin or initials of name / alias, 4 = conditions or materials; null = no match. */
export function matchRank(i: Searchable, q: string): number | null {
  const needle = normalizeQuery(q);
  if (!needle) return 0;
  const h = haystack(i);
  if (h.name.includes(needle)) return 0;
  if (h.aliases.includes(needle)) return 1;
  if (i.code.toLowerCase().includes(needle)) return 2;
  const latin = /^[a-z]+$/.test(needle);
  if (latin && h.spoken.includes(needle)) return 3;
  if (h.body.includes(needle)) return 4;
  // full pinyin in a paragraph: only for words long enough not to match by chance (≥ 2 syllables)
  if (latin && needle.length >= 4 && h.bodyPinyin.includes(needle)) return 4;
  return null;
}

/** The items that match, best first (stable within a rank: the caller's order). */
export function searchItems<T extends Searchable>(items: readonly T[], q: string | undefined): T[] {
  if (!q || !normalizeQuery(q)) return [...items];
  return items
    .map((item, n) => ({ item, n, rank: matchRank(item, q) }))
    .filter((r): r is { item: T; n: number; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.n - b.n)
    .map((r) => r.item);
}
