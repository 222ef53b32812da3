import { onBeforeUnmount, ref } from 'vue';

/** True on phone-width screens, where the side menu becomes a drawer and dialogs go full width. */
export function useNarrow(maxWidth = 768) {
  const query = window.matchMedia(`(max-width: ${maxWidth}px)`);
  const narrow = ref(query.matches);
  const update = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  query.addEventListener('change', update);
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}
