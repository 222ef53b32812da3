// Shared lookups for tests: demo orgs by code, users by name.
import type { OrgView } from '@jiceng/contract';
import type { App } from '../src/platform/http/types.js';
import { call, login, type Session } from './harness.js';

export async function demoOrgs(app: App): Promise<{ county: Session; orgs: OrgView[]; byCode: (code: string) => OrgView }> {
  const county = await login(app, 'demo-county');
  const { body } = await call(app, county, 'GET', '/api/orgs?includeArchived=true');
  const orgs = body.items as OrgView[];
  const byCode = (code: string) => {
    const o = orgs.find((x) => x.code === code);
    if (!o) throw new Error(`no demo org ${code}`);
    return o;
  };
  return { county, orgs, byCode };
}

let n = 0;
/** A unique, valid org code. */
export const code = (prefix = 'T') => `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}`;

import { checkDigitOf } from '@jiceng/contract';
let seq = 100;
/** A valid 公民身份号码 (GB 11643) for tests: 宜昌 region, the given birth date, a fresh sequence number. */
export function idNumber(birth = '19800101', region = '420502'): string {
  const first17 = `${region}${birth}${String(seq++ % 1000).padStart(3, '0')}`;
  return first17 + checkDigitOf(first17);
}
