"""What a refused or forbidden request must leave as it was; the whole database copied and put
back."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

# The packages of the project's own apps, as .importlinter names them.
PROJECT_PACKAGES = {"tipguide", "risks", "standards", "casemgmt", "advocacy"}
# The parameters of one INSERT where the database sets no limit (SQLite's is 999).
MAX_PARAMETERS = 10_000


def database_state():
    """Every row of the project's own tables, their change history included."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_config.name.split(".")[0] in PROJECT_PACKAGES
    }


def database_copy() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table of the installed apps, as the database holds them: its columns
    and its rows, by table."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    copy = {}
    with connection.cursor() as cursor:
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            copy[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return copy


def database_restore(copy: dict[str, tuple[list[str], list[tuple]]]) -> None:
    """Replace every row of the copied tables with the copy's, in one transaction: the foreign
    keys, checked at its end, hold again by then. Much quicker than seeding the rows anew."""
    quote = connection.ops.quote_name
    limit = connection.features.max_query_params or MAX_PARAMETERS
    with transaction.atomic(), connection.cursor() as cursor:
        for table in copy:
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, (columns, rows) in copy.items():
            names = ", ".join(quote(column) for column in columns)
            row = f"({', '.join(['%s'] * len(columns))})"
            per_insert = max(1, limit // len(columns))
            for start in range(0, len(rows), per_insert):
                batch = rows[start : start + per_insert]
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({names}) VALUES {', '.join([row] * len(batch))}",
                    [value for values in batch for value in values],
                )
    # The content types are cached by id; the copy's may have other ids.
    ContentType.objects.clear_cache()
