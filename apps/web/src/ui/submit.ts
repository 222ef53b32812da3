import { nextTick, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { fieldErrors } from '../api/http';
import { t } from '../i18n';

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

/** The form a field lives in: the top open dialog or drawer when there is one, else the page. */
function activeRoot(): ParentNode {
  const open = [...document.querySelectorAll<HTMLElement>('.el-overlay:not([style*="display: none"]) .el-dialog, .el-overlay:not([style*="display: none"]) .el-drawer')]
    .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0);
  return open.at(-1) ?? document;
}

/**
 * Scrolls to the first field with an error, in the order the form shows them (`data-field` on its el-form-item;
 * `photos.0` finds `photos`), and puts the cursor in it — an empty submit lands on what to fill in, not on a
 * message at the bottom of a long form. Returns whether a field was found.
 */
export async function focusFirstError(errors: Record<string, string>, root?: ParentNode | null): Promise<boolean> {
  const keys = Object.keys(errors);
  if (keys.length === 0) return false;
  await nextTick();
  const scope = root ?? activeRoot();
  const matches = (field: string) => keys.some((k) => k === field || k.startsWith(`${field}.`) || k.startsWith(`${field}[`));
  const el = [...scope.querySelectorAll<HTMLElement>('[data-field]')].find((e) => matches(e.dataset.field ?? ''));
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const input = el.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), button:not([disabled])');
  input?.focus({ preventScroll: true });
  return true;
}

/**
 * The save of a desk dialog: busy while it runs, then the success message, close, and the parent told — or the
 * 400's field errors on the form (the client has already shown the message) with the first bad field in view.
 * `invalid(found)` is the client's own check before sending: it shows the errors, focuses the first and says so.
 */
export function useSubmit() {
  const busy = ref(false);
  const errors = ref<Record<string, string>>({});
  function invalid(found: Record<string, string>): boolean {
    errors.value = found;
    if (Object.keys(found).length === 0) return false;
    void focusFirstError(found);
    ElMessage.warning(t('form.fixErrors'));
    return true;
  }
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
      void focusFirstError(errors.value);
      return false;
    } finally {
      busy.value = false;
    }
  }
  return { busy, errors, submit, invalid };
}
