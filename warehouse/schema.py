"""Tables of the contract (names and types fixed there) and this project's additions."""
from __future__ import annotations

import duckdb

DDL = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY, source_url VARCHAR, fetched_at TIMESTAMP, media_type VARCHAR,
        layout VARCHAR, province VARCHAR, city VARCHAR, county VARCHAR, region_code VARCHAR,
        department VARCHAR, fiscal_year INTEGER, report_kind VARCHAR, status VARCHAR, error VARCHAR,
        superseded_by VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS line_items (
        doc_id VARCHAR, table_code VARCHAR, function_code VARCHAR, economic_code VARCHAR,
        row_label VARCHAR, level VARCHAR, measure VARCHAR, amount_yuan DECIMAL(20,2), unit VARCHAR,
        amount_raw VARCHAR, page INTEGER, table_title VARCHAR, bbox DOUBLE[],
        confidence DOUBLE, method VARCHAR)""",  # confidence: OCR only; method: how the table was read
    """CREATE TABLE IF NOT EXISTS checks (
        doc_id VARCHAR, check_id VARCHAR, table_code VARCHAR, subject VARCHAR,
        expected DECIMAL(20,2), actual DECIMAL(20,2), passed BOOLEAN, message VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS performance_reports (
        doc_id VARCHAR, report_no INTEGER, scope VARCHAR, project_name VARCHAR, unit VARCHAR,
        budget_yuan DECIMAL(20,2), executed_yuan DECIMAL(20,2), score DECIMAL(6,2), page INTEGER)""",
    """CREATE TABLE IF NOT EXISTS performance_indicators (
        doc_id VARCHAR, report_no INTEGER, level1 VARCHAR, level2 VARCHAR, indicator VARCHAR,
        target VARCHAR, actual VARCHAR, weight DECIMAL(6,2), score DECIMAL(6,2), page INTEGER)""",
]


VIEWS = [
    """CREATE OR REPLACE VIEW current_documents AS
       SELECT * FROM documents WHERE superseded_by IS NULL AND status <> 'failed'""",
    """CREATE OR REPLACE VIEW current_line_items AS
       SELECT l.*, d.department, d.province, d.city, d.county, d.region_code, d.fiscal_year, d.report_kind,
              d.source_url
       FROM line_items l JOIN current_documents d USING (doc_id)""",
]

# Columns added after a warehouse may already exist: (table, column, type).
ADDED_COLUMNS = [("line_items", "confidence", "DOUBLE"), ("line_items", "method", "VARCHAR")]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in DDL:
        con.execute(stmt)
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    for stmt in VIEWS:
        con.execute(stmt)
