"""DuckDB: the schema of ../shared/CONTRACT.md, per-document transactional loads, read-only queries."""
