import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree (org paths). Labels are org ids without hyphens. */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

