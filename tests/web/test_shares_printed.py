"""Shares print as councils print them (issue 16, part 3): whole per cent, or one decimal
under 10%. Before, Harlow's dashboard printed "2.9411764705882355%"."""

import re

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.imports.convert import document_convert
from councilplan.interchange.load import plan_import_document
from tests.imports.seeds import CORPORATE, seed_path
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db

PRINTED_SHARE = re.compile(r"^(\d{2,3}|\d(\.\d)?)%$")


def test_the_dashboards_status_mix_prints_rounded_shares(client):
    path = seed_path(CORPORATE)
    plan = plan_import_document(document=document_convert(path=path), file=path.name).plan
    reader = user_with_role(plan, Role.READER)
    page = signed_in(client, reader).get(reverse("web:plan-dashboard", args=[plan.slug])).text
    mix = page[page.index("Status mix") : page.index("Data quality")]
    shares = re.findall(r'numeric">([^<]*%)</td>', mix)
    assert shares, "the status mix prints shares"
    assert all(PRINTED_SHARE.match(share) for share in shares), shares
