"""The engine keeps no state between calls: documents extracted at once in threads read as they do alone."""
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ingest.nlp import extract

HERE = Path(__file__).parent


def test_two_documents_extracted_concurrently_give_the_single_thread_results():
    # two documents whose owners come from "Đối với X, …" clauses and lead-ins, where the source text is needed
    texts = [
        (HERE / "sample_formal.txt").read_text(encoding="utf-8"),
        "THÔNG BÁO KẾT LUẬN\n"
        "1. Đối với Sở Nông nghiệp và Môi trường, khẩn trương rà soát diện tích đất rừng, báo cáo trước ngày "
        "30/6/2026.\n"
        "2. Đối với UBND các xã, phường, tập trung thu hoạch lúa vụ Đông Xuân, hoàn thành trong tháng 5/2026.\n"
        "3. Công an tỉnh chủ trì bảo đảm an ninh trật tự.\n",
    ]
    alone = [extract(t).to_json() for t in texts]
    assert all(a["directives"] for a in alone)
    assert alone[0] != alone[1]
    work = [texts[i % 2] for i in range(40)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda t: extract(t).to_json(), work))
    for i, result in enumerate(together):
        assert result == alone[i % 2]
