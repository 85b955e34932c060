from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "Theo dõi nhiệm vụ"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import auth, stamps, tallies

        tallies.connect()
        stamps.connect()
        auth.connect()
