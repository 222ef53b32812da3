import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, type Locale } from '@jiceng/contract';

export const LOCALE_COOKIE = 'jiceng_locale';

/** Cookie set by the web's language switch, else Accept-Language, else zh-CN. */
export function requestLocale(req: FastifyRequest): Locale {
  const cookie = req.cookies?.[LOCALE_COOKIE];
  if (cookie === 'en' || cookie === 'zh-CN') return cookie;
  const header = req.headers['accept-language'];
  if (typeof header === 'string') {
    for (const part of header.split(',')) {
      const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en';
    }
  }
  return DEFAULT_LOCALE;
}
