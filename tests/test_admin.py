"""Django admin: every model is registered with a working list, search and filters."""

import pytest
from django.contrib import admin
from django.urls import reverse


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_changelist_with_search_loads_for_superuser(client_for, superuser, tuban, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    client = client_for(superuser)
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "35.23"}).status_code == 200


def test_regions_are_searchable_by_code_and_name(client_for, superuser, tuban):
    client = client_for(superuser)
    url = reverse("admin:districts_village_changelist")
    assert client.get(url, {"q": "Beji"}).context["cl"].result_count == 1
    assert client.get(url, {"q": "35.23.12.2009"}).context["cl"].result_count == 1


def test_regions_cannot_be_deleted_in_admin(client_for, superuser, tuban):
    url = reverse("admin:districts_district_delete", args=["35.23.12"])
    assert client_for(superuser).post(url, {"post": "yes"}).status_code == 403


def test_non_superuser_cannot_enter_admin(client_for, tuban_staff):
    response = client_for(tuban_staff).get(reverse("admin:index"))
    assert response.status_code == 302
