"""load_province builds a real province's directory from the data packages, once; old names resolve."""
from collections import Counter
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from vietnam_provinces import Province, Ward

from ingest.extraction import unit_directory
from tests.factories import TaskFactory
from tracker import directory
from tracker.models import Unit, UnitAlias

pytestmark = pytest.mark.django_db


def _package(name):
    province = next(p for p in Province.iter_all() if p.name == name)
    return Counter(w.division_type.value for w in Ward.iter_by_province(province.code))


def _snapshot():
    return (sorted(Unit.objects.values_list("code", "name", "is_active", "kind")),
            sorted(UnitAlias.objects.values_list("unit__code", "name")),
            sorted(Unit.members.through.objects.values_list("from_unit__code", "to_unit__code")))


def _resolve(name):
    unit_id = unit_directory().resolve(name)
    return Unit.objects.get(pk=unit_id).name if unit_id else None


def test_ha_tinh_has_every_commune_and_ward_of_the_package_once():
    loaded = directory.load_province("Hà Tĩnh")
    package = _package("Hà Tĩnh")
    assert package["xã"] == 60 and package["phường"] == 9  # vietnam-provinces 2025.10.1
    local = Unit.objects.filter(kind=Unit.Kind.LOCAL, is_group=False)
    for kind, count in package.items():
        assert local.filter(name__startswith=f"Đảng ủy {kind} ").count() == count
        assert local.filter(name__startswith=f"UBND {kind} ").count() == count
    assert local.count() == 2 * sum(package.values()) == 2 * loaded.communes
    assert Unit.objects.get(code="G-XA").members.count() == sum(package.values())
    assert Unit.objects.get(code="G-UBXA").members.filter(name__startswith="UBND ").count() == sum(package.values())
    assert not Unit.objects.filter(name__istartswith="Huyện ủy").exists()


def test_pre_merger_names_resolve_to_their_successors():
    directory.load_province("Hà Tĩnh")
    assert _resolve("Sở Kế hoạch và Đầu tư") == "Sở Tài chính"
    assert _resolve("Sở Tài nguyên và Môi trường") == "Sở Nông nghiệp và Môi trường"
    assert _resolve("Ban Tuyên giáo Tỉnh ủy") == "Ban Tuyên giáo và Dân vận Tỉnh ủy"
    assert _resolve("Ban cán sự đảng UBND tỉnh") == "Đảng ủy Ủy ban nhân dân tỉnh"
    assert _resolve("Sở Lao động - Thương binh và Xã hội") == "Sở Nội vụ"
    # An old commune merged into a new ward, as vietnamadminunits maps it.
    commune = next(c for c in directory.province_communes(directory.find_province("Hà Tĩnh")) if c.old_names)
    old = directory._place(commune.old_names[0], commune.old_names[0].split(" ")[0])
    assert _resolve(f"UBND {old}") == f"UBND {commune.place}"
    assert _resolve("UBND các xã, phường có rừng") == "UBND các xã, phường, đặc khu"


def test_old_districts_and_provinces_become_aliases_where_the_package_maps_them():
    directory.load_province("Quảng Ninh")
    assert _package("Quảng Ninh")["đặc khu"] == \
        Unit.objects.filter(name__startswith="Đảng ủy đặc khu").count() == 2
    assert _resolve("Huyện ủy Cô Tô") == "Đảng ủy đặc khu Cô Tô"
    assert _resolve("UBND huyện Vân Đồn") == "UBND đặc khu Vân Đồn"


def test_a_merged_province_keeps_the_old_provinces_names():
    directory.load_province("Quảng Ngãi")
    assert _resolve("UBND tỉnh Kon Tum") == "Ủy ban nhân dân tỉnh"
    assert _resolve("Tỉnh ủy Kon Tum") == "Tỉnh ủy"


def test_a_second_load_changes_nothing():
    directory.load_province("Hà Tĩnh")
    before = _snapshot()
    again = directory.load_province("Ha Tinh")
    assert (again.units, again.aliases, again.renamed, again.missing) == (0, 0, 0, [])
    assert _snapshot() == before


def test_changed_data_adds_and_renames_and_never_deletes_a_unit_with_tasks():
    province = directory.find_province("Hà Tĩnh")
    communes = directory.province_communes(province)
    directory.load_province("Hà Tĩnh", communes=communes)
    dropped, renamed = communes[0], communes[1]
    task = TaskFactory(lead_unit=Unit.objects.get(code=f"DU-{dropped.code}"))
    old_name = Unit.objects.get(code=f"UB-{renamed.code}").name
    changed = [replace(renamed, name=f"{renamed.name} Mới"), *communes[2:],
               directory.Commune(code=99999, name="Xã Thử Nghiệm", division_type="xã")]

    result = directory.load_province("Hà Tĩnh", communes=changed)

    assert result.units == 2 and result.renamed == 2
    assert result.missing == [f"DU-{dropped.code}", f"UB-{dropped.code}"]
    assert Unit.objects.get(code=f"DU-{dropped.code}").led_tasks.get() == task
    assert Unit.objects.get(code=f"UB-{renamed.code}").name == f"UBND {renamed.place} Mới"
    assert _resolve(old_name) == f"UBND {renamed.place} Mới"
    assert Unit.objects.get(code="G-XA").members.filter(code="DU-99999").exists()


def test_command_uses_the_setting_and_explains_an_unknown_province(capsys, settings):
    settings.DONDOC_PROVINCE = "Hà Tĩnh"
    call_command("load_province")
    assert "Hà Tĩnh: 69 xã, phường, đặc khu" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Không có tỉnh, thành phố nào tên “Đông Sơn”"):
        call_command("load_province", "Đông Sơn")
