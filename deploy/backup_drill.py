"""Back up a tipguide database and restore it, as an operator would after losing the server.

A fresh PostgreSQL database is migrated and seeded (the guidance and the demo assessments), dumped
with pg_dump in its custom format, and restored with pg_restore into another fresh database.
Every table is then compared row for row, and every sequence's position: the drill passes with
0 differences. Both databases are dropped at the end, whatever happens. Run it with
`make backup-drill`.
"""

import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")


def url(database: str) -> str:
    return f"postgres://{PGUSER}@{PGHOST}:5432/{database}"


def psql(command: str) -> None:
    subprocess.run(
        ["psql", "-h", PGHOST, "-U", PGUSER, "-q", "-v", "ON_ERROR_STOP=1", "-c", command],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    return [name for (name,) in cursor.fetchall()]


def rows(cursor, table: str) -> Counter:
    """Each row of `table` whole, as PostgreSQL writes it out, and how many times it occurs."""
    cursor.execute(f'SELECT row_to_json(t)::text FROM "{table}" t')
    return Counter(row for (row,) in cursor.fetchall())


def sequences(cursor) -> dict:
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    return dict(cursor.fetchall())


def compare(original: str, restored: str) -> tuple[int, int, list[str]]:
    """The tables and rows compared, and every difference found."""
    with psycopg2.connect(url(original)) as a, psycopg2.connect(url(restored)) as b:
        before, after = a.cursor(), b.cursor()
        names, differences, compared = tables(before), [], 0
        if names != tables(after):
            differences.append(f"tables differ: {set(names) ^ set(tables(after))}")
        for table in names:
            kept, back = rows(before, table), rows(after, table)
            compared += kept.total()
            missing, extra = kept - back, back - kept
            if missing or extra:
                differences.append(f"{table}: {missing.total()} missing, {extra.total()} extra")
        if sequences(before) != sequences(after):
            differences.append("sequences differ")
    return len(names), compared, differences


def main() -> int:
    original = f"tipguide_drill_{os.getpid()}"
    restored = f"{original}_restored"
    dump = Path(tempfile.mkdtemp(prefix="tipguide-drill-")) / "tipguide.dump"
    seeding = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": url(original),
        "DEBUG": "on",
    }
    began = time.monotonic()
    try:
        psql(f"CREATE DATABASE {original}")
        for command in (["migrate", "-v0"], ["seed_guidance", "-v0"], ["seed_demo", "-v0"]):
            subprocess.run(
                [BIN / "python", "manage.py", *command],
                cwd=ROOT, env=seeding, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        seeded = time.monotonic()
        subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", url(original)], check=True)
        dumped = time.monotonic()
        psql(f"CREATE DATABASE {restored}")
        subprocess.run(
            ["pg_restore", "--exit-on-error", "--no-owner", f"--dbname={url(restored)}", dump],
            check=True,
        )
        restored_at = time.monotonic()
        table_count, row_count, differences = compare(original, restored)
        print(
            f"Backup drill: a dump of {dump.stat().st_size // 1024} kB (pg_dump "
            f"{dumped - seeded:.1f} s, pg_restore {restored_at - dumped:.1f} s); "
            f"{table_count} tables, {row_count} rows compared: {len(differences)} differences"
        )
        for difference in differences:
            print(f"   {difference}")
        return 1 if differences else 0
    finally:
        psql(f"DROP DATABASE IF EXISTS {original} WITH (FORCE)")
        psql(f"DROP DATABASE IF EXISTS {restored} WITH (FORCE)")
        dump.unlink(missing_ok=True)
        dump.parent.rmdir()
        print(f"Took {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    sys.exit(main())
