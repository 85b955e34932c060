from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Thông báo kết luận"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tracker.directory import unit_succeeded

        from .receivers import move_drafts_to_successor

        unit_succeeded.connect(move_drafts_to_successor, dispatch_uid="ingest-drafts-follow-successor")
