import { customType } from 'drizzle-orm/pg-core';

/** PostgreSQL ltree (org paths). Labels are org ids without hyphens. */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

export const timestamps = {
  createdAt: { name: 'created_at' },
  updatedAt: { name: 'updated_at' },
} as const;
