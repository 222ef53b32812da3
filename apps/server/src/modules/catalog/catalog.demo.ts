// 示范县's service rooms: each township's 便民服务中心 and each village's 党群服务中心 (服务室), with the address,
// the opening hours residents are told and a phone — what the guide shows under 去哪办 and the receipt prints.
import type { Tx } from '../../db/client.js';
import { serviceRooms } from './catalog.tables.js';

interface RoomOrg { key: string; id: string; name: string; tier: string; parentKey: string | null }

const HALL_HOURS = '周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）';
const ROOM_HOURS = '周一至周五 8:30—17:30，周六上午值班；农忙时节可电话预约上门代办';
/** 中共青山村总支部委员会 → 青山村 (as the portal shows places) */
const place = (name: string) => /^中共(.+?)(?:工作委员会|总支部委员会|支部委员会|委员会)$/.exec(name)?.[1] ?? name;

export async function seedServiceRooms(tx: Tx, countyId: string, orgs: Iterable<RoomOrg>): Promise<number> {
  const all = [...orgs];
  const byKey = new Map(all.map((o) => [o.key, o]));
  const rows: (typeof serviceRooms.$inferInsert)[] = [];
  let township = 0;
  for (const t of all.filter((o) => o.tier === 'township' && byKey.get(o.parentKey ?? '')?.tier === 'county')) {
    township += 1;
    const town = place(t.name);
    rows.push({ countyId, orgId: t.id, name: `${town}便民服务中心`, address: `${town}政府一楼大厅`, hours: HALL_HOURS, phone: `0710-32301${String(township).padStart(2, '0')}` });
    let village = 0;
    for (const v of all.filter((o) => o.tier === 'village' && o.parentKey === t.key)) {
      village += 1;
      const name = place(v.name);
      rows.push({
        countyId, orgId: v.id, name: `${name}党群服务中心`, address: `${town}${name}${name.endsWith('社区') ? '居委会' : '村委会'}一楼`,
        hours: ROOM_HOURS, phone: `0710-3231${String(township)}${String(village).padStart(2, '0')}`,
      });
    }
  }
  if (rows.length) await tx.insert(serviceRooms).values(rows);
  return rows.length;
}
