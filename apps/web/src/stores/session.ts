import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { LoginNext, LoginView, MeView, Permission, TotpLoginInput } from '@jiceng/contract';
import { ApiError, http } from '../api/http';

export const useSession = defineStore('session', () => {
  const me = ref<MeView | null>(null);
  /** set once /api/me was asked, so the router guard asks only once per page load */
  const checked = ref(false);
  /**
   * two-factor sign-in: the session behind the cookie is a half-session that must give its code (`totp`) or
   * enrol first (`enrol`); null when logged out or fully logged in
   */
  const pending = ref<Exclude<LoginNext, 'done'> | null>(null);

  const user = computed(() => me.value?.user ?? null);
  const can = (permission: Permission) => me.value?.permissions.includes(permission) ?? false;

  async function load(): Promise<MeView | null> {
    try {
      me.value = await http.get<MeView>('/api/me', undefined, { quiet: true, authProbe: true });
      pending.value = null;
    } catch (err) {
      me.value = null;
      const code = err instanceof ApiError ? err.code : '';
      pending.value = code === 'auth.totpRequired' ? 'totp' : code === 'auth.totpEnrolmentRequired' ? 'enrol' : null;
    }
    checked.value = true;
    return me.value;
  }

  /** the password step; tells what comes next */
  async function login(username: string, password: string): Promise<LoginNext> {
    const res = await http.post<LoginView>('/api/auth/login', { username, password }, { quiet: true, authProbe: true });
    if (res.next === 'done') await load();
    else {
      me.value = null;
      pending.value = res.next;
      checked.value = true;
    }
    return res.next;
  }

  /** the second step: the app's code or one recovery code */
  async function verifyTotp(input: TotpLoginInput) {
    await http.post('/api/auth/totp', input, { quiet: true, authProbe: true });
    await load();
  }

  async function logout() {
    try {
      await http.post('/api/auth/logout', {}, { quiet: true });
    } finally {
      clear();
    }
  }

  function clear() {
    me.value = null;
    pending.value = null;
    checked.value = true;
  }

  return { me, checked, pending, user, can, load, login, verifyTotp, logout, clear };
});
