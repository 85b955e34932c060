"""The apps' layering, checked in fresh interpreters: tracker never loads the extractor."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh Python holds after running `code`."""
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin"})
    return set(out.stdout.split())


# Django set up as in the tests but without the admin's autodiscovery (which imports every app's admin).
SETUP = """
import django
from django.conf import settings
from config.settings import test
names = {k: getattr(test, k) for k in dir(test) if k.isupper()}
names["INSTALLED_APPS"] = [a.replace("django.contrib.admin", "django.contrib.admin.apps.SimpleAdminConfig")
                           if a == "django.contrib.admin" else a for a in names["INSTALLED_APPS"]]
settings.configure(**names)
django.setup()
"""


def test_importing_tracker_does_not_import_the_extractor():
    loaded = _loaded_after(SETUP + "import tracker.models, tracker.selectors, tracker.services, tracker.views,"
                                   " tracker.reminders.tasks")
    assert "tracker.services" in loaded
    assert "ingest.nlp.pipeline" not in loaded
    assert not {m for m in loaded if m.startswith("ingest.nlp")}


def test_folding_loads_neither_django_nor_ingest():
    loaded = _loaded_after("from tracker.folding import fold\nassert fold('Tỉnh uỷ') == 'tinh uy'")
    assert "tracker.folding" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("django", "ingest")}
