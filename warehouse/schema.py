"""Tables of the contract (names and types fixed there) and this project's additions."""
from __future__ import annotations

import duckdb

from normalize.reference import REFERENCE_DIR

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
        confidence DOUBLE, method VARCHAR, item_no INTEGER)""",
    # confidence: OCR only; method: how the table was read; item_no: reading order in the document
    """CREATE TABLE IF NOT EXISTS checks (
        doc_id VARCHAR, check_id VARCHAR, table_code VARCHAR, subject VARCHAR,
        expected DECIMAL(20,2), actual DECIMAL(20,2), passed BOOLEAN, message VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS performance_reports (
        doc_id VARCHAR, report_no INTEGER, scope VARCHAR, project_name VARCHAR, unit VARCHAR,
        budget_yuan DECIMAL(20,2), executed_yuan DECIMAL(20,2), score DECIMAL(6,2), page INTEGER)""",
    """CREATE TABLE IF NOT EXISTS performance_indicators (
        doc_id VARCHAR, report_no INTEGER, level1 VARCHAR, level2 VARCHAR, indicator VARCHAR,
        target VARCHAR, actual VARCHAR, weight DECIMAL(6,2), score DECIMAL(6,2), page INTEGER,
        indicator_no INTEGER)""",
]


REFERENCE = [
    """CREATE TABLE IF NOT EXISTS function_codes (
        code VARCHAR, level VARCHAR, name VARCHAR, from_year INTEGER, to_year INTEGER)""",
]

VIEWS = [
    """CREATE OR REPLACE VIEW current_documents AS
       SELECT * FROM documents WHERE superseded_by IS NULL AND status <> 'failed'""",
    """CREATE OR REPLACE VIEW current_line_items AS
       SELECT l.*, d.department, d.province, d.city, d.county, d.region_code, d.fiscal_year, d.report_kind,
              d.source_url, f.name AS code_name
       FROM line_items l JOIN current_documents d USING (doc_id)
       LEFT JOIN function_codes f ON f.code = l.function_code
            AND coalesce(f.from_year, 0) <= coalesce(d.fiscal_year, 9999)
            AND coalesce(d.fiscal_year, 0) <= coalesce(f.to_year, 9999)""",
    # one department across years: its spending by code, year and kind
    """CREATE OR REPLACE VIEW department_spending AS
       SELECT department, region_code, province, city, county, fiscal_year, report_kind, function_code, code_name,
              level, measure, amount_yuan, doc_id, page
       FROM current_line_items WHERE table_code = 'expenditure' AND function_code IS NOT NULL""",
    # one function code across regions: total spending per region and year
    """CREATE OR REPLACE VIEW function_by_region AS
       SELECT function_code, code_name, province, city, county, region_code, fiscal_year, report_kind,
              count(DISTINCT department) AS departments, sum(amount_yuan) AS amount_yuan
       FROM current_line_items WHERE table_code = 'expenditure' AND measure = 'total' AND function_code IS NOT NULL
       GROUP BY ALL""",
    # 预算 against 决算 for the same department, year and code: the execution rate
    """CREATE OR REPLACE VIEW budget_vs_final AS
       SELECT f.department, f.region_code, f.fiscal_year, f.function_code, f.code_name,
              b.amount_yuan AS budget_yuan, f.amount_yuan AS final_yuan,
              round(f.amount_yuan / nullif(b.amount_yuan, 0), 4) AS execution_rate,
              b.doc_id AS budget_doc_id, f.doc_id AS final_doc_id
       FROM current_line_items f JOIN current_line_items b
         ON b.department = f.department AND b.fiscal_year = f.fiscal_year AND b.function_code = f.function_code
        AND b.table_code = 'expenditure' AND b.measure = 'total' AND b.report_kind = 'budget'
       WHERE f.report_kind = 'final' AND f.table_code = 'expenditure' AND f.measure = 'total'""",
]

# Columns added after a warehouse may already exist: (table, column, type).
ADDED_COLUMNS = [("line_items", "confidence", "DOUBLE"), ("line_items", "method", "VARCHAR"),
                 ("line_items", "item_no", "INTEGER"), ("performance_indicators", "indicator_no", "INTEGER")]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for stmt in DDL:
        con.execute(stmt)
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    for stmt in REFERENCE:
        con.execute(stmt)
    _load_function_codes(con)
    for stmt in VIEWS:
        con.execute(stmt)


def _load_function_codes(con: duckdb.DuckDBPyConnection) -> None:
    """data/reference/function_codes.csv -> function_codes (names carry the years they apply to)."""
    path = REFERENCE_DIR / "function_codes.csv"
    con.execute("DELETE FROM function_codes")
    con.execute(f"""INSERT INTO function_codes
        SELECT code, CASE length(code) WHEN 3 THEN 'class' WHEN 5 THEN 'section' ELSE 'item' END, name,
               TRY_CAST(from_year AS INTEGER), TRY_CAST(to_year AS INTEGER)
        FROM read_csv('{path}', all_varchar = true, header = true)""")
