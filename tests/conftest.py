"""Fixtures shared by the whole suite: units and one user per role."""
from pathlib import Path

import pytest

from tests.factories import UnitFactory, UserFactory
from tracker.models import Unit, User

PASSWORD = "matkhau-thu-123"
VAR = Path(__file__).resolve().parent.parent / "var"


def pytest_configure(config):
    """A fresh clone has no var/, where the test database, media and the embedded broker live."""
    for folder in ("broker/out", "broker/processed", "broker/control", "media"):
        (VAR / folder).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def office_unit(db):
    return UnitFactory(name="Văn phòng Tỉnh ủy", short_name="VPTU", code="VPTU", kind=Unit.Kind.PARTY_ADVISORY)


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="Ban Tổ chức Tỉnh ủy", short_name="BTCTU", code="BTCTU")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="Sở Y tế", short_name="SYT", code="SYT")


@pytest.fixture
def office_user(office_unit):
    return UserFactory(username="vanphong", unit=office_unit, role=User.Role.OFFICE)


@pytest.fixture
def staff_a(unit_a):
    return UserFactory(username="canbo_a", unit=unit_a, role=User.Role.UNIT_STAFF)


@pytest.fixture
def head_a(unit_a):
    return UserFactory(username="lanhdao_a", unit=unit_a, role=User.Role.UNIT_HEAD)


@pytest.fixture
def staff_b(unit_b):
    return UserFactory(username="canbo_b", unit=unit_b, role=User.Role.UNIT_STAFF)


@pytest.fixture
def viewer(office_unit):
    return UserFactory(username="lanhdao_xem", unit=office_unit, role=User.Role.VIEWER)
