"""Every app migrates to zero and forward again, on a scratch database, and ends with the same schema."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APPS = ("tracker", "ingest")

SCRIPT = """
import json
import django
django.setup()
from django.core.management import call_command
from django.db import connection


def schema():
    with connection.cursor() as cursor:
        intro = connection.introspection
        out = {}
        for table in intro.table_names(cursor):
            columns = sorted(c.name for c in intro.get_table_description(cursor, table))
            constraints = sorted(
                # (an expression index has None among its columns on PostgreSQL)
                [sorted(str(col) for col in c["columns"] or []), bool(c["unique"]), bool(c["primary_key"]),
                 list(c["foreign_key"] or []),
                 bool(c["index"])] for c in intro.get_constraints(cursor, table).values())
            out[table] = [columns, constraints]
        return out


def with_rows():
    # a communiqué, its directive, a unit and a task on it: tables are dropped with rows in them
    from ingest.models import Communique, Directive
    from tests.factories import TaskFactory
    communique = Communique.objects.create(text="x", content_hash=str(Communique.objects.count()))
    TaskFactory(directive=Directive.objects.create(communique=communique, text="x"))


stages = []
call_command("migrate", verbosity=0)
stages.append(["initial", schema()])
for app in %(apps)r:
    with_rows()
    call_command("migrate", app, "zero", verbosity=0)
    stages.append([app + " zero", schema()])
    call_command("migrate", verbosity=0)
    stages.append([app + " forward", schema()])
print(json.dumps(stages))
"""


@pytest.fixture
def scratch_database_url(tmp_path):
    """A database of its own: a file for SQLite, a new database on the same server for PostgreSQL."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    name = f"dondoc_scratch_{uuid.uuid4().hex[:8]}"
    server = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        yield f"postgres://{db['USER']}{password}@{db['HOST']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_each_app_migrates_to_zero_and_forward_again(scratch_database_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": scratch_database_url}
    out = subprocess.run([sys.executable, "-c", SCRIPT % {"apps": APPS}], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    stages = dict(json.loads(out.stdout.splitlines()[-1]))
    initial = stages["initial"]
    assert "tracker_task" in initial and "ingest_communique" in initial
    for app in APPS:
        assert not [t for t in stages[f"{app} zero"] if t.startswith(f"{app}_")], app
        assert stages[f"{app} forward"] == initial, app
