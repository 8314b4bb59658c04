"""The targets and tolerance bands page of a measure: officers set a target per period and
the measure's own bands; the indicator page then judges each period by them."""

import re

import pytest
from django.urls import reverse

from councilplan.accounts.models import Role
from councilplan.plans.models import MeasureTarget
from councilplan.web.edit_forms import AMBER_BAND_REQUIRED_ERROR
from tests.web.conftest import signed_in, user_with_role

pytestmark = pytest.mark.django_db


def _form(html: str) -> dict[str, str]:
    """The form's fields as the page fills them in (text inputs, selected options)."""
    fields = dict(re.findall(r'name="([^"]+)" type="text" value="([^"]*)"', html))
    fields.update(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', html))
    for name, options in re.findall(r'<select [^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = chosen[1] if chosen else ""
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def test_an_officer_sets_targets_per_period_and_own_bands(client, plan, officer):
    measure = plan.measures.get(key="BE6-M1")
    url = reverse("web:measure-targets", args=[plan.slug, measure.pk])
    signed_in(client, officer)
    page = client.get(url)
    assert page.status_code == 200
    fields = _form(page.text)
    q2 = plan.periods.get(key="2024-Q2")
    assert fields["bands"] == ("own" if measure.has_own_tolerance else "plan")
    fields.update(
        {
            f"target_{q2.pk}": "at least 90%",
            "bands": "own",
            "green_within": "4",
            "amber_within": "8",
            "relative": "relative",
            "reason": "Profiled for the year",
        }
    )
    saved = client.post(url, fields)
    assert saved.status_code == 302
    assert saved["Location"] == reverse("web:indicator-detail", args=[plan.slug, measure.pk])
    target = MeasureTarget.objects.get(measure=measure, period=q2)
    assert (target.text, target.value, target.comparator) == ("at least 90%", 90, ">=")
    measure.refresh_from_db()
    assert (measure.tolerance_green_within_percent, measure.tolerance_amber_within_percent) == (
        4,
        8,
    )
    indicator = client.get(saved["Location"] + "?period=2024-Q2").text
    assert "Green within 4% of the target, Amber within 8%, Red beyond (this indicator" in (
        indicator.replace("&#x27;", "'")
    )


def test_own_bands_need_an_amber_band(client, plan, officer):
    measure = plan.measures.get(key="BE6-M1")
    url = reverse("web:measure-targets", args=[plan.slug, measure.pk])
    signed_in(client, officer)
    fields = _form(client.get(url).text)
    fields.update({"bands": "own", "green_within": "5", "amber_within": ""})
    refused = client.post(url, fields)
    assert refused.status_code == 400
    assert AMBER_BAND_REQUIRED_ERROR in refused.text


def test_a_second_officer_saving_from_an_older_page_gets_the_conflict(client, plan, officer):
    measure = plan.measures.get(key="BE6-M1")
    url = reverse("web:measure-targets", args=[plan.slug, measure.pk])
    q3 = plan.periods.get(key="2024-Q3")
    signed_in(client, officer)
    opened = _form(client.get(url).text)
    first = client.post(url, {**opened, f"target_{q3.pk}": "81%", "reason": "Revised"})
    assert first.status_code == 302
    late = client.post(url, {**opened, f"target_{q3.pk}": "85%", "reason": "Mine"})
    assert late.status_code == 409
    assert MeasureTarget.objects.get(measure=measure, period=q3).text == "81%"


def test_readers_may_not_change_targets(client, plan):
    measure = plan.measures.get(key="BE6-M1")
    signed_in(client, user_with_role(plan, Role.READER))
    assert (
        client.get(reverse("web:measure-targets", args=[plan.slug, measure.pk])).status_code == 403
    )
