import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { fieldErrors } from '../api/http';

interface Done<T> {
  /** the success message (common.saved / common.created), or made from the answer ("3 个部门已接哨") */
  message: string | ((saved: T) => string);
  /** closes the dialog */
  close: () => void;
  /** after closing: tell the parent (emit('saved', …)) or reload the page's list (awaited, still busy) */
  then?: (saved: T) => void | Promise<void>;
  /** the 400's field errors under the names the form uses (default: as the server names them) */
  mapErrors?: (errors: Record<string, string>) => Record<string, string>;
}

/**
 * The save of a desk dialog: busy while it runs, then the success message, close, and the parent told — or the
 * 400's field errors on the form (the client has already shown the message).
 */
export function useSubmit() {
  const busy = ref(false);
  const errors = ref<Record<string, string>>({});
  async function submit<T>(send: () => Promise<T>, done: Done<T>): Promise<boolean> {
    busy.value = true;
    try {
      const saved = await send();
      ElMessage.success(typeof done.message === 'function' ? done.message(saved) : done.message);
      done.close();
      await done.then?.(saved);
      return true;
    } catch (err) {
      errors.value = done.mapErrors ? done.mapErrors(fieldErrors(err)) : fieldErrors(err);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, errors, submit };
}
