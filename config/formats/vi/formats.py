"""Dates as the office writes them (dd/mm/yyyy) in the admin and wherever Django formats a date.

Names not set here fall back to Django's Vietnamese formats, then to the settings.
"""
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
