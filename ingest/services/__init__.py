"""Writes for communiqués, by sub-domain: `importing`, `review` (the office's edits), `publication`.

The package exports each module's public services, so callers write `services.publish(...)`.
"""
from .importing import DuplicateImport, ImportRefused, import_document
from .publication import publish
from .review import (
    KEEP,
    OwnerInput,
    add_directive,
    delete_directive,
    map_owner,
    merge_with_next,
    set_review,
    split_directive,
    update_directive,
)

__all__ = [
    "KEEP", "DuplicateImport", "ImportRefused", "OwnerInput", "add_directive", "delete_directive",
    "import_document", "map_owner", "merge_with_next", "publish", "set_review",
    "split_directive", "update_directive",
]
