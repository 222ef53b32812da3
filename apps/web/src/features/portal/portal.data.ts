import { FILE_LIMITS } from '@jiceng/contract/constants';
import type { FileUpload } from '@jiceng/contract';

/** One row of PublicOrgList (the contract exports the schema but no type for it). */
export interface PublicOrg {
  id: string;
  parentId: string | null;
  name: string;
  tier: 'county' | 'township' | 'village';
}

/** The same rule as PortalRequestInput.phone (contract, zod side): an 11-digit mobile or a landline with area code. */
export const PHONE_PATTERN = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
/** Spaces and full-width digits typed on a phone keyboard are not the resident's mistake. */
export const normalizePhone = (v: string) => v.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s－—]/g, (c) => (c.trim() ? '-' : ''));

export const DESCRIPTION_MAX = 2000;
export const NAME_MAX = 50;
/** a phone photo is sent at most this wide or high: enough to read a document, small on a slow network */
export const PHOTO_MAX_SIDE = 1600;

/** The township halls of the county (their parent is the county), then the villages/communities under one. */
export function townshipsOf(orgs: readonly PublicOrg[]): PublicOrg[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return orgs.filter((o) => o.tier === 'township' && (o.parentId === null || byId.get(o.parentId)?.tier !== 'township'));
}
export function villagesOf(orgs: readonly PublicOrg[], townshipId: string): PublicOrg[] {
  return orgs.filter((o) => o.tier === 'village' && o.parentId === townshipId);
}

/** 中共青山村总支部委员会 → 青山村, 中共东风街道工作委员会 → 东风街道: residents know the place, not the party body. */
export function placeName(name: string): string {
  const m = /^中共(.+?)(?:工作委员会|总支部委员会|支部委员会|委员会|党工委|党委|总支|支部)$/.exec(name);
  return m?.[1] ?? name;
}

/** A date (no time) on the Shanghai calendar, as residents read deadlines. */
export function formatDay(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}

function loadImage(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image'));
    };
    img.src = url;
  });
}

function toBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('read'));
    reader.readAsDataURL(blob);
  });
}

export interface Photo {
  upload: FileUpload;
  /** object URL for the preview (revoke when dropped) */
  preview: string;
}

/**
 * A phone photo (often 4000 px, 4–8 MB) redrawn at most PHOTO_MAX_SIDE px as JPEG: small enough to send over
 * a village's mobile network and within FILE_LIMITS. The canvas also drops EXIF (location) from the file.
 */
export async function shrinkPhoto(file: File): Promise<Photo> {
  const img = await loadImage(file);
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas');
  // a transparent PNG would turn black as JPEG
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  let blob: Blob | null = null;
  for (const quality of [0.82, 0.7, 0.55]) {
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (blob && blob.size <= FILE_LIMITS.maxBytes) break;
  }
  if (!blob) throw new Error('encode');
  if (blob.size > FILE_LIMITS.maxBytes) throw new Error('tooBig');
  const name = `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`.slice(-200);
  return { upload: { name, mime: 'image/jpeg', data: await toBase64(blob) }, preview: URL.createObjectURL(blob) };
}
