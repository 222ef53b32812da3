import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MeView, Permission } from '@jiceng/contract';
import { http } from '../api/http';

export const useSession = defineStore('session', () => {
  const me = ref<MeView | null>(null);
  /** set once /api/me was asked, so the router guard asks only once per page load */
  const checked = ref(false);

  const user = computed(() => me.value?.user ?? null);
  const can = (permission: Permission) => me.value?.permissions.includes(permission) ?? false;

  async function load(): Promise<MeView | null> {
    try {
      me.value = await http.get<MeView>('/api/me', undefined, { quiet: true, authProbe: true });
    } catch {
      me.value = null;
    }
    checked.value = true;
    return me.value;
  }

  async function login(username: string, password: string) {
    await http.post('/api/auth/login', { username, password }, { quiet: true, authProbe: true });
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
    checked.value = true;
  }

  return { me, checked, user, can, load, login, logout, clear };
});
