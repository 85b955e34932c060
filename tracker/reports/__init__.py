"""The office's period report ("Báo cáo tình hình thực hiện"), its exports, and the office's inbox.

selectors: the figures, as of a date, from the task history; xlsx/docx: the files;
views/urls: the pages. The API calls `selectors.period_report` and serialises its dict.
"""
