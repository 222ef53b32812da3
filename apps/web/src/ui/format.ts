import { currentLocale } from '../i18n';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Timestamps are shown in Asia/Shanghai whatever the browser's zone (DESIGN §3 Time). */
export function formatTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const key = `${currentLocale.value}|${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(currentLocale.value === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hour12: false,
    });
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}
