from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "ingest"
    verbose_name = "Thông báo kết luận"
    default_auto_field = "django.db.models.BigAutoField"
