"""The provincial bodies file loads once, keeps office edits, and old names still resolve."""
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from tracker.directory import add_alias, load_directory
from tracker.models import Unit, UnitAlias

UNITS = Path(__file__).resolve().parent.parent / "seeds" / "province_bodies.json"


@pytest.mark.django_db
def test_directory_loads_units_groups_and_aliases():
    first = load_directory(UNITS, province="Hà Tĩnh")
    assert first.units == Unit.objects.count() > 40
    group = Unit.objects.get(code="G-SONGANH")
    assert group.is_group and group.members.filter(code="SYT").exists()
    assert Unit.objects.get(code="UBND").aliases.filter(name="UBND tỉnh Hà Tĩnh").exists()
    assert not UnitAlias.objects.filter(name__contains="{").exists()  # no province: placeholders dropped
    merged = Unit.objects.get(code="SNNMT")
    assert merged.aliases.filter(name="Sở Tài nguyên và Môi trường").exists()


@pytest.mark.django_db
def test_second_load_changes_nothing_and_keeps_office_edits():
    load_directory(UNITS)
    Unit.objects.filter(code="SYT").update(email="yte@tinh.gov.vn")
    counts = (Unit.objects.count(), UnitAlias.objects.count())
    again = load_directory(UNITS)
    assert (again.units, again.aliases) == (0, 0)
    assert (Unit.objects.count(), UnitAlias.objects.count()) == counts
    assert Unit.objects.get(code="SYT").email == "yte@tinh.gov.vn"


@pytest.mark.django_db
def test_alias_is_refused_when_it_folds_to_a_known_name():
    unit = Unit.objects.create(name="Ban Tổ chức Tỉnh ủy")
    assert add_alias(unit, "ban to chuc tinh uy") is None
    assert add_alias(unit, "BTC Tỉnh uỷ").folded == "btc tinh uy"
    assert add_alias(unit, "btc tinh uy") is None


@pytest.mark.django_db
def test_alias_is_refused_when_it_is_another_units_name_or_alias():
    unit = Unit.objects.create(name="Ban Tổ chức Tỉnh ủy", short_name="BTCTU")
    other = Unit.objects.create(name="Sở Y tế")
    with pytest.raises(ValidationError):
        add_alias(unit, "So Y te")
    add_alias(other, "SYT")
    with pytest.raises(ValidationError):
        add_alias(unit, "syt")
    assert add_alias(unit, "btctu") is None  # its own short name: nothing to do
    assert list(UnitAlias.objects.values_list("name", flat=True)) == ["SYT"]
