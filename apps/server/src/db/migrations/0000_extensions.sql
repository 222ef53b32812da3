-- Contrib extensions (PGlite ships them; PostgreSQL gets them from postgresql-contrib).
CREATE EXTENSION IF NOT EXISTS ltree;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
