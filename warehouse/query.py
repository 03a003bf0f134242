"""Read-only SQL for users: a read-only connection with no access outside the warehouse file."""
from __future__ import annotations

from pathlib import Path

import duckdb


class QueryError(ValueError):
    pass


def read_only(db: str | Path) -> duckdb.DuckDBPyConnection:
    if not Path(db).exists():
        raise QueryError(f"{db}: no such warehouse (run `cnbudget ingest` first)")
    try:
        con = duckdb.connect(str(db), read_only=True,
                             config={"enable_external_access": False, "autoinstall_known_extensions": False,
                                     "autoload_known_extensions": False})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise QueryError(f"{db} is being written by an ingest right now; query it when the ingest has finished") from exc
        raise QueryError(f"{db}: {str(exc).splitlines()[0]}") from exc
    con.execute("SET lock_configuration = true")
    return con


def run_sql(db: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    con = read_only(db)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from exc
    finally:
        con.close()
