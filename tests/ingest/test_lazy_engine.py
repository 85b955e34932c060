"""A process that loads Django, the admin, the URLs and the Celery app (the web's admin pages, the
workers) does not import the extraction engine; the first extraction does."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNIPPET = """
import json, sys, django
django.setup()
from django.contrib import admin
from django.urls import reverse
import config.celery_app, config.urls
reverse("admin:ingest_communique_changelist")
assert admin.site.is_registered(__import__("ingest.models").models.Communique)
loaded = sorted(m for m in sys.modules if m.startswith("ingest.nlp"))
from ingest.extraction import split_sentences
split_sentences("Một câu. Câu hai.", 0, 17)
print(json.dumps({"at_setup": loaded, "after_use": "ingest.nlp.pipeline" in sys.modules}))
"""


def test_admin_and_workers_do_not_load_the_extractor_until_it_is_used():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "-c", SNIPPET], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["at_setup"] == []  # 'ingest.nlp.pipeline' and every other stage
    assert result["after_use"] is True
