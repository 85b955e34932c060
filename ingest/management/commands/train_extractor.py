"""`manage.py train_extractor [--cv] [--robust]`: rebuild the learned layer from the gold, or cross-validate it.

The same as ``python -m ingest.nlp.train``; the models are written to ingest/nlp/sentence_model.json and
ingest/nlp/owner_model.json (the owner tagger, measured by --cv but not used by the pipeline).
"""
from django.core.management.base import BaseCommand

from ingest.nlp import train


class Command(BaseCommand):
    help = "Huấn luyện lại lớp học máy của bộ trích xuất từ dữ liệu chuẩn, hoặc kiểm định chéo theo bộ dữ liệu."

    def add_arguments(self, parser):
        parser.add_argument("--cv", action="store_true", help="kiểm định chéo theo bộ dữ liệu thay vì huấn luyện")
        parser.add_argument("--robust", action="store_true", help="với --cv: cả văn bản bỏ dấu và ngắt dòng lại")

    def handle(self, *args, cv: bool, robust: bool, **options):
        argv = (["--cv"] if cv else []) + (["--robust"] if robust else [])
        train.main(argv)
