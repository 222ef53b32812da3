// 长辈模式 (适老化, GB/T 37668-2019): larger type, stronger contrast, bigger targets on the resident pages.
// Remembered on this device (localStorage), shared by the portal, the tracking page and the guide.
import { ref, watch } from 'vue';

const KEY = 'jiceng.portal.elder';
const read = () => {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
};

export const elderMode = ref(read());
watch(elderMode, (on) => {
  try {
    if (on) localStorage.setItem(KEY, '1');
    else localStorage.removeItem(KEY);
  } catch {
    // private browsing: the mode lasts for the visit
  }
});

/** The resident's village (and township), remembered for the guide's 去哪办 and the portal's form. */
const PLACE_KEY = 'jiceng.portal.place';
export interface SavedPlace { countyId: string; townshipId: string; orgId: string }
export function savedPlace(countyId: string): SavedPlace | null {
  try {
    const p = JSON.parse(localStorage.getItem(PLACE_KEY) ?? 'null') as SavedPlace | null;
    return p && p.countyId === countyId && typeof p.townshipId === 'string' && typeof p.orgId === 'string' ? p : null;
  } catch {
    return null;
  }
}
export function savePlace(p: SavedPlace) {
  try {
    localStorage.setItem(PLACE_KEY, JSON.stringify(p));
  } catch {
    // not kept: asked again next time
  }
}
