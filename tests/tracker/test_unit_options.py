"""The office's unit filter is built once per process and directory change, yet always shows the directory as it is."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from tracker import directory, selectors, stamps
from tracker.filtersets import UNIT_OPTIONS, _unit_options
from tracker.models import Task

URL = reverse("tracker:task_list")
ROOT = Path(__file__).resolve().parents[2]


def unit_select(response) -> str:
    return re.search(r'<select[^>]*name="unit"[^>]*>(.*?)</select>', response.content.decode(), re.S).group(1)


def shown_units(client) -> list[tuple[int, str]]:
    """(id, name) of the unit filter's options on the list page, "all" left out."""
    select = unit_select(client.get(URL))
    return [(int(v), name.replace("&amp;", "&")) for v, name in re.findall(r'<option value="(\d+)">([^<]*)</option>', select)]


def truth() -> list[tuple[int, str]]:
    return list(selectors.lead_units().values_list("pk", "name"))


@pytest.mark.django_db
def test_the_unit_filter_follows_new_tasks_renames_merges_and_edits_at_once(client, office_user, unit_a, unit_b,
                                                                             make_task, today):
    client.force_login(office_user)
    task = make_task(unit_a)
    assert shown_units(client) == truth() == [(unit_a.pk, unit_a.name)]
    make_task(unit_b)  # unit_b leads its first task
    assert shown_units(client) == truth() and (unit_b.pk, unit_b.name) in shown_units(client)

    succession = directory.rename(unit_a, "Ban Tổ chức Tỉnh ủy (mới)", user=office_user)
    assert Task.objects.get(pk=task.pk).lead_unit == succession.successor
    assert shown_units(client) == truth() == sorted(
        [(succession.successor.pk, "Ban Tổ chức Tỉnh ủy (mới)"), (unit_b.pk, unit_b.name)], key=lambda u: u[1])

    directory.succeed(unit_b, succession.successor, user=office_user)  # a merge: unit_b leads nothing now
    assert shown_units(client) == truth() == [(succession.successor.pk, "Ban Tổ chức Tỉnh ủy (mới)")]

    successor = succession.successor
    successor.name = "Ban Tổ chức & Kiểm tra"  # an edit in the admin: a plain save
    successor.save()
    assert shown_units(client) == truth() == [(successor.pk, "Ban Tổ chức & Kiểm tra")]


@pytest.mark.django_db
def test_the_options_are_built_once_while_the_directory_is_unchanged(client, office_user, unit_a, make_task,
                                                                    monkeypatch):
    client.force_login(office_user)
    make_task(unit_a)
    client.get(URL)
    built = []
    monkeypatch.setattr(UNIT_OPTIONS, "build", lambda: built.append(1) or _unit_options())
    client.get(URL)
    client.get(URL, {"unit": unit_a.pk})
    assert built == []
    unit_a.short_name = "BTC"
    unit_a.save()
    client.get(URL)
    assert built == [1]


@pytest.mark.django_db
def test_the_chosen_unit_is_selected_and_a_unit_outside_the_options_is_refused(client, office_user, unit_a,
                                                                               unit_b, make_task):
    client.force_login(office_user)
    make_task(unit_a)
    select = unit_select(client.get(URL, {"unit": unit_a.pk}))
    assert f'<option value="{unit_a.pk}" selected>' in select and '<option value="" selected>' not in select
    assert unit_select(client.get(URL)).startswith('<option value="" selected>Tất cả</option>')
    response = client.get(URL, {"unit": unit_b.pk})  # leads no task: not a choice
    assert "unit" in response.context["filter"].form.errors


def _other_process():
    """A second Django process on the same database, answering each line on stdin with its unit choices."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    script = ("import django, json, sys; django.setup()\n"
              "from tracker.filtersets import UNIT_OPTIONS\n"
              "for _line in sys.stdin:\n"
              "    print(json.dumps(UNIT_OPTIONS.get()[0]), flush=True)\n")
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def _ask(process) -> list[list]:
    process.stdin.write("?\n")
    process.stdin.flush()
    return json.loads(process.stdout.readline())


@pytest.mark.django_db(transaction=True)
def test_another_process_sees_a_rename_at_its_next_request(office_user, unit_a, make_task):
    make_task(unit_a)
    process = _other_process()
    try:
        assert _ask(process) == [[unit_a.pk, unit_a.name]]
        assert _ask(process) == [[unit_a.pk, unit_a.name]]  # now from its cache
        successor = directory.rename(unit_a, "Ban Tổ chức Tỉnh ủy (mới)", user=office_user).successor
        assert _ask(process) == [[successor.pk, "Ban Tổ chức Tỉnh ủy (mới)"]]
    finally:
        process.stdin.close()
        process.wait(timeout=30)


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_token_a_later_change_could_reuse(unit_a):
    from django.db import transaction

    before = stamps.read(stamps.UNIT_OPTIONS)
    with pytest.raises(RuntimeError), transaction.atomic():
        stamps.bump(stamps.UNIT_OPTIONS)
        rolled_back = stamps.read(stamps.UNIT_OPTIONS)
        raise RuntimeError
    assert stamps.read(stamps.UNIT_OPTIONS) == before
    stamps.bump(stamps.UNIT_OPTIONS)
    assert stamps.read(stamps.UNIT_OPTIONS) not in (before, rolled_back)
