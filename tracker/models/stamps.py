"""Tokens that change whenever the data behind a per-process cache changes."""
from django.db import models


class Stamp(models.Model):
    """A named token, replaced (not incremented) in the same transaction as the change it marks.

    A process keeps what it built from the data under the token it read first, and rebuilds when the
    token differs: every process sees a change at its next request. Random tokens, not counters, so a
    rolled-back change can never leave a token that a later change reuses for other data.
    """

    name = models.CharField(max_length=32, primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "dấu phiên bản dữ liệu"
        verbose_name_plural = "dấu phiên bản dữ liệu"

    def __str__(self):
        return f"{self.name}: {self.token}"
