import { computed } from 'vue';
import { createI18n } from 'vue-i18n';
import type { Label, Locale } from '@jiceng/contract';
import zhCN from './zh-CN';
import en from './en';
import * as casesMessages from '../features/cases/cases.i18n';
import * as whistlesMessages from '../features/whistles/whistles.i18n';
import * as portalMessages from '../features/portal/portal.i18n';
import * as fieldworkMessages from '../features/fieldwork/fieldwork.i18n';
import * as surveysMessages from '../features/surveys/surveys.i18n';
import * as totpMessages from '../features/auth/totp.i18n';
import * as privacyMessages from '../features/privacy/privacy.i18n';
import * as dutiesMessages from '../features/duties/duties.i18n';
import * as evaluationMessages from '../features/evaluation/evaluation.i18n';
import * as reportsMessages from '../features/reports/reports.i18n';
import * as dashboardsMessages from '../features/dashboards/dashboards.i18n';
import * as screenMessages from '../features/screen/screen.i18n';
import * as formMessages from '../ui/form.i18n';
import * as layoutMessages from '../layout/layout.i18n';

const LOCALE_COOKIE = 'jiceng_locale';
const STORAGE_KEY = 'jiceng.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, cases: casesMessages.zhCN, whistles: whistlesMessages.zhCN, portal: portalMessages.zhCN, fieldwork: fieldworkMessages.zhCN, surveys: surveysMessages.zhCN, totp: totpMessages.zhCN, privacy: privacyMessages.zhCN, duties: dutiesMessages.zhCN, evaluation: evaluationMessages.zhCN, reports: reportsMessages.zhCN, dashboards: dashboardsMessages.zhCN, screen: screenMessages.zhCN, form: formMessages.zhCN, layout: layoutMessages.zhCN },
    en: { ...en, cases: casesMessages.en, whistles: whistlesMessages.en, portal: portalMessages.en, fieldwork: fieldworkMessages.en, surveys: surveysMessages.en, totp: totpMessages.en, privacy: privacyMessages.en, duties: dutiesMessages.en, evaluation: evaluationMessages.en, reports: reportsMessages.en, dashboards: dashboardsMessages.en, screen: screenMessages.en, form: formMessages.en, layout: layoutMessages.en },
  },
});

export const currentLocale = computed<Locale>(() => (i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'));

/** The server picks the language of its error messages from this cookie. */
function syncCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = locale;
}
syncCookie(currentLocale.value);

export function setLocale(locale: Locale) {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  syncCookie(locale);
}

/** A contract label ({ 'zh-CN', en }) in the current language. */
export function label(l: Label | undefined): string {
  return l ? l[currentLocale.value] : '';
}

export const t = i18n.global.t;
