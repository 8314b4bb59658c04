"""The admin site shows the update round's records but cannot change them, which would
bypass the round's states, locks and version checks."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from councilplan.interchange.load import plan_import_document
from councilplan.plans.models import ProgressUpdate
from tests.interchange.full_plan import full_plan_document

pytestmark = pytest.mark.django_db


def test_a_superuser_sees_an_update_in_the_admin_but_cannot_change_or_delete_it(client):
    plan = plan_import_document(document=full_plan_document()).plan
    update = ProgressUpdate.objects.filter(item__plan=plan).first()
    client.force_login(User.objects.create_superuser("root", password="x" * 16))
    url = reverse("admin:plans_progressupdate_change", args=[update.pk])

    assert client.get(url).status_code == 200  # viewing is allowed
    response = client.post(url, {"commentary": "Changed behind the round's back"})
    assert response.status_code == 403
    delete = reverse("admin:plans_progressupdate_delete", args=[update.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:plans_progressupdate_add")).status_code == 403
    update.refresh_from_db()
    assert update.commentary != "Changed behind the round's back"
    # Other plan records stay editable (and audited) in the admin.
    item_url = reverse("admin:plans_planitem_change", args=[update.item_id])
    assert client.get(item_url).status_code == 200
