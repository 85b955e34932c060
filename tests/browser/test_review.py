"""The office's whole path in a real browser: paste → review (map an owner, reject, add by selection) → publish;
then the owning unit sees its task."""
import pytest

from ingest.models import Communique, Directive
from tests.ingest.conftest import SAMPLE
from tracker.models import Task

MISSED = "Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình."

# Select a phrase in the source pane the way a mouse would, across <mark> boundaries if need be.
SELECT_JS = """
([phrase]) => {
  const pane = document.getElementById('source-text');
  const at = pane.textContent.indexOf(phrase);
  if (at < 0) return false;
  const walker = document.createTreeWalker(pane, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let node, seen = 0, started = false;
  while ((node = walker.nextNode())) {
    const len = node.data.length;
    if (!started && at < seen + len) { range.setStart(node, at - seen); started = true; }
    if (started && at + phrase.length <= seen + len) { range.setEnd(node, at + phrase.length - seen); break; }
    seen += len;
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  pane.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
  return true;
}
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_import_review_publish_then_unit_sees_task(page, login, office_user, staff_a, unit_a, unit_b):
    page.on("dialog", lambda dialog: dialog.accept())
    login("vanphong")
    page.goto("/thong-bao/nhap/")
    page.fill("#id_pasted", SAMPLE)
    page.click("#import-submit")
    page.wait_for_url("**/duyet/")
    communique = Communique.objects.get()
    assert page.locator("mark.directive").count() == communique.directives.count() >= 3
    page.screenshot(path="/tmp/review-1-imported.png", full_page=True)
    deadline = page.locator(".directive-card", has_text="đề án sắp xếp").locator("input[name$=-deadline]")
    assert deadline.input_value() == "30/06/2025"  # dd/mm/yyyy whatever the browser's locale

    # 1. The unknown mention "Ban Dân vận Tỉnh ủy" is mapped to Ban Tổ chức Tỉnh ủy.
    card = page.locator(".directive-card", has_text="Ban Dân vận")
    warning_row = card.locator("tr.owner-row.table-warning").first
    assert warning_row.locator(".owner-warning").is_visible()
    warning_row.locator("input[list=unit-names]").fill("Ban Tổ chức Tỉnh ủy")
    card.locator(".accept-button").click()
    page.wait_for_load_state()
    mapped = Directive.objects.get(communique=communique, text__contains="Ban Dân vận")
    assert mapped.review == Directive.Review.ACCEPTED
    assert {o.unit_id for o in mapped.owners.all()} == {unit_a.pk}

    # 2. Reject the directive on disease control.
    page.locator(".directive-card", has_text="phòng, chống dịch bệnh").locator(".reject-button").click()
    page.wait_for_load_state()
    rejected = Directive.objects.get(communique=communique, text__contains="phòng, chống dịch bệnh")
    assert rejected.review == Directive.Review.REJECTED
    assert page.locator(f"mark#d-{rejected.pk}.rejected").count() == 1

    # 3. Add a directive the extractor missed by selecting it in the source pane. First a selection
    #    that crosses a highlighted directive: its offsets must still be offsets into communique.text.
    across = "hoàn thành trước ngày 30/6/2025.\n2. Sở Y tế chủ trì"
    assert page.evaluate(SELECT_JS, [across])
    page.locator("#span-form").wait_for(state="visible")
    start = communique.text.index(across)
    assert page.input_value("#span-form [name=start]") == str(start)
    assert page.input_value("#span-form [name=end]") == str(start + len(across))
    assert page.evaluate(SELECT_JS, [MISSED])
    bar = page.locator("#span-form")
    bar.wait_for(state="visible")
    assert MISSED in page.locator("#selection-preview").inner_text()
    page.screenshot(path="/tmp/review-2-selection.png", full_page=False)
    page.click("#add-directive")
    page.wait_for_load_state()
    added = Directive.objects.get(communique=communique, text=MISSED)
    assert communique.text[added.start:added.end] == MISSED
    new_card = page.locator(f"#card-{added.pk}")
    for box in new_card.locator("tr.owner-row input[type=checkbox][name$=_delete]").all():
        box.check()  # whatever the extractor guessed for the span, this one goes to Ban Tổ chức
    new_card.locator("tr.new-owner-row input[list=unit-names]").fill("Ban Tổ chức Tỉnh ủy")
    new_card.locator(".accept-button").click()
    page.wait_for_load_state()
    assert [o.unit_id for o in added.owners.all()] == [unit_a.pk]
    page.screenshot(path="/tmp/review-3-before-publish.png", full_page=True)

    # 4. Publish (the confirm dialog is accepted).
    assert page.locator("#publish-problems").count() == 0, page.locator("#publish-problems").inner_text()
    page.click("#publish-button")
    page.wait_for_url(f"**/thong-bao/{communique.pk}/")
    communique.refresh_from_db()
    assert communique.state == Communique.State.PUBLISHED
    assert not Task.objects.filter(directive=rejected).exists()
    unit_a_tasks = Task.objects.filter(lead_unit=unit_a)
    assert set(unit_a_tasks.values_list("directive_id", flat=True)) >= {mapped.pk, added.pk}
    assert page.locator("table.task-table tr[data-task]").count() == Task.objects.count()
    page.screenshot(path="/tmp/review-4-published.png", full_page=True)

    # 5. The owning unit's staff see the task in their list.
    page.context.clear_cookies()
    login("canbo_a")
    page.goto("/nhiem-vu/")
    listing = page.locator("body").inner_text()
    assert "Ban Thường vụ Tỉnh ủy họp nghe báo cáo" in listing
    assert "theo dõi, đôn đốc" in listing
    page.screenshot(path="/tmp/review-5-unit-list.png", full_page=True)
