"""load_seeds gives a new user a populated app, and a second run changes nothing."""
import pytest
from django.core.management import call_command

from ingest.models import Communique, Directive
from tracker.models import Task, Unit, UnitAlias, User

pytestmark = pytest.mark.django_db


def _counts():
    return {model.__name__: model.objects.count() for model in (Unit, UnitAlias, User, Communique, Directive, Task)}


def test_load_seeds_populates_once(capsys):
    call_command("load_seeds")
    first = _counts()
    assert first["Communique"] == 5
    assert Communique.objects.filter(state=Communique.State.PUBLISHED).count() == 5
    assert first["Task"] > 100
    staff = User.objects.get(username="canbo.dongson")
    assert Task.objects.filter(assignments__unit=staff.unit).exists(), "the demo unit has tasks to work on"
    assert "canbo.dongson" in capsys.readouterr().out

    call_command("load_seeds")
    assert _counts() == first
