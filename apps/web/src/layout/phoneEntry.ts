// A phone opening the desk app's entry (/) goes to the phone pages (/m/), issue 16 point 15: a grid worker gets the
// work they do in the field, not the desk app in a drawer. The phone pages link back here with ?desk=1, which this
// device then remembers (a cadre who wants the desk app on a tablet or phone keeps it). Deep links (/cases/42) open
// as they are: only the entry is redirected.

const PREFER_DESK = 'jiceng.deskOnPhone';
/** phones, not tablets: "Mobile" in the UA is what Android phones and iPhones send (iPad and Android tablets don't) */
const PHONE_UA = /Android.+Mobile|iPhone|iPod|Windows Phone|HarmonyOS.+Mobile|MicroMessenger.+Mobile|Mobile Safari/i;

export function isPhone(w: Pick<Window, 'matchMedia' | 'navigator'> = window): boolean {
  const uaData = (w.navigator as Navigator & { userAgentData?: { mobile?: boolean } }).userAgentData;
  if (uaData?.mobile) return true;
  if (PHONE_UA.test(w.navigator.userAgent)) return true;
  // a narrow window with a touch screen as its main pointer (a phone whose UA says nothing)
  return w.matchMedia('(max-width: 600px)').matches && w.matchMedia('(pointer: coarse)').matches;
}

/** Returns true when it sent the browser to /m/ (the desk app is then not started). */
export function sendPhonesToMobile(): boolean {
  const url = new URL(window.location.href);
  if (url.searchParams.get('desk') === '1') {
    localStorage.setItem(PREFER_DESK, '1');
    url.searchParams.delete('desk');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return false;
  }
  if (url.pathname !== '/' || localStorage.getItem(PREFER_DESK) === '1' || !isPhone()) return false;
  window.location.replace('/m/');
  return true;
}

/** The desk menu's link to the phone pages: choosing them forgets a "desk on this phone" choice. */
export function openMobile(): void {
  localStorage.removeItem(PREFER_DESK);
}
