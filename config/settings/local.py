"""Single-machine settings (scripts/run.sh): SQLite, filesystem broker, console email, DEBUG off.

A developer turns on DEBUG with DJANGO_DEBUG=1 (scripts/run.sh --dev does).
"""
from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=False)  # noqa: F405
