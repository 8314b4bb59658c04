"""The public's plan, summary first: each published item on a page of its own (exactly as
published, its commentary whole, its measures, where it sits and what is below it), and a
search over the published items."""

import re

from django.urls import reverse

from councilplan.plans.models import ProgressUpdate
from tests.web.conftest import publish


def _item_url(plan, key: str) -> str:
    return reverse("web:public-item", args=[plan.slug, "2024-Q2", key])


def test_an_item_has_a_page_of_its_own_as_published(client, plan):
    publish(plan, "2024-Q2")
    update = ProgressUpdate.objects.get(item__key="WS1", period__key="2024-Q2")
    published_commentary = update.commentary
    update.commentary = "Edited after publication"
    update.save()
    page = client.get(_item_url(plan, "WS1"))
    assert page.status_code == 200
    text = page.text
    assert published_commentary in text
    assert "Edited after publication" not in text
    assert "Published plans" in text  # the way back up, in the breadcrumbs


def test_the_list_links_each_item_and_cuts_long_commentary_at_a_word(client, plan):
    long = "The new library opened in June with record visits " * 10
    ProgressUpdate.objects.filter(item__key="WS1", period__key="2024-Q2").update(commentary=long)
    publish(plan, "2024-Q2")
    page = client.get(reverse("web:public-plan", args=[plan.slug])).text
    assert _item_url(plan, "WS1") in page
    whole = " ".join(long.split())
    assert whole not in page  # cut on the list…
    shown = re.search(r"(The new library[^<]*)…", page)[1]
    assert whole.startswith(shown)
    assert whole[len(shown)] == " "  # …at a word, with an ellipsis…
    assert whole in client.get(_item_url(plan, "WS1")).text  # …and whole on its own page


def test_an_item_not_published_is_not_found(client, plan):
    publish(plan, "2024-Q2")
    assert client.get(_item_url(plan, "no-such-item")).status_code == 404
    hidden = plan.items.filter(is_public=False).first()
    assert client.get(_item_url(plan, hidden.key)).status_code == 404
    assert (
        client.get(reverse("web:public-item", args=[plan.slug, "2024-Q3", "WS1"])).status_code
        == 404
    )


def test_search_finds_items_by_words_at_word_starts(client, plan):
    publish(plan, "2024-Q2")
    url = reverse("web:public-plan-period", args=[plan.slug, "2024-Q2"])
    found = client.get(url, {"search": "community"}).text
    assert "Community Impact" in found
    assert "1 item with “community”" in found or "items with “community”" in found
    none = client.get(url, {"search": "zzzz"}).text
    assert "No item has those words." in none
