"""Keep the startup heap out of the cyclic garbage collector's full passes.

At a million tasks one dashboard request in ~20 triggered a generation-2 collection that walked
every object Django, the apps and the URLconf had allocated at startup: ~70 ms added to a
~65 ms page (its p95). `gc.freeze()` moves those long-lived objects to the permanent
generation, so a full pass only walks what requests allocated. Called once per process
(each gunicorn worker imports config.wsgi) after the URLconf is loaded.
"""
import gc


def settle() -> None:
    from django.urls import get_resolver

    _ = get_resolver().url_patterns  # import every view module now, not on the first request
    gc.collect()
    gc.freeze()
