import pytest

from grants.models import County, Municipality, PoliceRegion
from grants.reference_data import load_reference_data

pytestmark = pytest.mark.django_db


def test_migrations_load_all_290_kommuner_21_lan_and_7_polisregioner():
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
    assert PoliceRegion.objects.count() == 7


def test_kommun_carries_its_scb_code_lan_and_polisregion():
    uppsala = Municipality.objects.select_related("county", "police_region").get(
        code="0380"
    )
    assert uppsala.name == "Uppsala"
    assert uppsala.county.name == "Uppsala län"
    assert uppsala.police_region.name == "Region Mitt"


def test_every_kommun_code_is_unique_and_four_digits():
    codes = list(Municipality.objects.values_list("code", flat=True))
    assert len(set(codes)) == 290
    assert all(len(c) == 4 and c.isdigit() for c in codes)


def test_loading_the_reference_data_again_changes_nothing():
    count = load_reference_data(
        county_model=County, region_model=PoliceRegion, municipality_model=Municipality
    )
    assert count == 290
    assert Municipality.objects.count() == 290
    assert County.objects.count() == 21
