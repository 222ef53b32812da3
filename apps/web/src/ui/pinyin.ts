// Pinyin and initials matching for Chinese names ("zs" → 张三, "qsc" → 青山村). pinyin-pro carries a
// ~150 kB (gzip) dictionary, so it is loaded the first time someone searches, not with the page.
type PinyinFn = typeof import('pinyin-pro').pinyin;

let pinyinFn: PinyinFn | undefined;
let loading: Promise<void> | undefined;

export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro').then((m) => {
    pinyinFn = m.pinyin;
    haystacks.clear();
  });
  return loading;
}

const haystacks = new Map<string, string>();

/** name + full pinyin + initials, lower case, once per name; the name alone until pinyin-pro has loaded. */
export function searchText(name: string): string {
  let hit = haystacks.get(name);
  if (hit === undefined) {
    if (!pinyinFn) return name.toLowerCase();
    const full = pinyinFn(name, { toneType: 'none', type: 'array', v: true }).join('');
    const initials = pinyinFn(name, { toneType: 'none', pattern: 'first', type: 'array', v: true }).join('');
    hit = `${name}\u0000${full}\u0000${initials}`.toLowerCase();
    haystacks.set(name, hit);
  }
  return hit;
}

export function matches(name: string, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  return q === '' || searchText(name).includes(q);
}
