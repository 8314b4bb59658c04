"""What one person does on the site, for `bench/load_bench.py` (locust runs this file).

Each simulated user is an officer of its own: it signs in, then reads the dashboard, the item
tree, an item's page and the HTML report, and now and then saves a draft update on an item of
its own, so saves never collide (a clash would be a correct 409, not load). The site runs with
production settings behind an imagined TLS proxy, so every request says it came over HTTPS,
and the session cookie (Secure) is carried by hand: locust's HTTP client would not send a
Secure cookie over plain http.

The bench passes what the users need in the environment: LOAD_PLAN (the plan's slug),
LOAD_PERIOD (the open period's key), LOAD_ITEMS (items as id:key, comma-separated),
LOAD_USER (user N signs in as LOAD_USER.N), LOAD_PASSWORD, and LOAD_HOST (the Host header
the site accepts).
"""

import html
import itertools
import os
import re
from urllib.parse import quote

from locust import HttpUser, between, task

PLAN = os.environ.get("LOAD_PLAN", "")
PERIOD = os.environ.get("LOAD_PERIOD", "")
ITEMS = [pair.split(":", 1) for pair in os.environ.get("LOAD_ITEMS", "").split(",") if pair]
USER = os.environ.get("LOAD_USER", "")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
HOST = os.environ.get("LOAD_HOST", "localhost")

_next_user = itertools.count()
_INPUT = re.compile(r"<input[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(\w[\w-]*)="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.DOTALL)


def form_fields(page: str) -> dict[str, str]:
    """The values a browser would send from the page's form: inputs (checked radios only)
    and text areas, as they stand."""
    fields: dict[str, str] = {}
    for tag in _INPUT.findall(page):
        attributes = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        name, kind = attributes.get("name"), attributes.get("type", "text")
        if not name or (kind in ("radio", "checkbox") and " checked" not in tag):
            continue
        fields[name] = attributes.get("value", "")
    for name, text in _TEXTAREA.findall(page):
        fields[name] = html.unescape(text)
    return fields


class Officer(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.headers = {"Host": HOST, "X-Forwarded-Proto": "https"}
        number = next(_next_user)
        self.username = f"{USER}.{number % len(ITEMS) + 1}"
        self.item_id, self.item_key = ITEMS[number % len(ITEMS)]
        page = self.client.get("/sign-in/", headers=self.headers, name="sign in (form)")
        self.cookies = _cookies(page)
        fields = form_fields(page.text)
        fields.update(username=self.username, password=PASSWORD)
        signed_in = self.client.post(
            "/sign-in/",
            data=fields,
            headers=self._with_cookies(Referer=f"https://{HOST}/sign-in/"),
            allow_redirects=False,
            name="sign in",
        )
        self.cookies = {**self.cookies, **_cookies(signed_in)}
        if "sessionid" not in self.cookies:
            raise RuntimeError(f"sign-in failed: HTTP {signed_in.status_code}")

    def _with_cookies(self, **extra: str) -> dict[str, str]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {**self.headers, "Cookie": cookie, **extra}

    def _get(self, path: str, name: str) -> str:
        response = self.client.get(path, headers=self._with_cookies(), name=name)
        return response.text

    @task(4)
    def dashboard(self) -> None:
        self._get(f"/plans/{PLAN}/", "dashboard")

    @task(3)
    def tree(self) -> None:
        self._get(f"/plans/{PLAN}/items/", "tree")

    @task(3)
    def item(self) -> None:
        self._get(f"/plans/{PLAN}/items/{self.item_id}/", "item")

    @task(1)
    def report(self) -> None:
        self._get(f"/plans/{PLAN}/reports/{PERIOD}.html", "report (HTML)")

    @task(2)
    def update_save(self) -> None:
        path = f"/plans/{PLAN}/items/{quote(self.item_key)}/update/{PERIOD}/"
        form = self._get(path, "update form")
        fields = form_fields(form)
        fields["commentary"] = f"{fields.get('commentary', '')[:200]} Checked again.".strip()
        fields["action"] = "save"
        with self.client.post(
            path,
            data=fields,
            headers=self._with_cookies(Referer=f"https://{HOST}{path}"),
            allow_redirects=False,
            name="update save (draft)",
            catch_response=True,
        ) as saved:
            # A saved draft redirects; the form shown again (200) means it was not saved.
            if saved.status_code != 302:
                saved.failure(f"not saved: HTTP {saved.status_code}")


def _cookies(response) -> dict[str, str]:  # noqa: ANN001 - a requests response
    jar = {}
    for header in response.raw.headers.getlist("Set-Cookie"):
        name, _, rest = header.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


class ApiClient(HttpUser):
    """A council system on the API (`load_bench.py --api`): it reads the plan's position,
    its items a page at a time and one item, and writes its own item's update with the
    version it read (If-Match), each client with its own personal token (LOAD_TOKENS)."""

    wait_time = between(1, 3)

    def on_start(self) -> None:
        number = next(_next_user)
        tokens = os.environ.get("LOAD_TOKENS", "").split(",")
        self.item_id, self.item_key = ITEMS[number % len(ITEMS)]
        self.headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Authorization": f"Bearer {tokens[number % len(tokens)]}",
        }
        self.base = f"/api/v1/plans/{PLAN}"

    @task(3)
    def position(self) -> None:
        self.client.get(f"{self.base}/position", headers=self.headers, name="api position")

    @task(3)
    def items(self) -> None:
        self.client.get(f"{self.base}/items?limit=100", headers=self.headers, name="api items")

    @task(2)
    def item(self) -> None:
        path = f"{self.base}/items/{quote(self.item_key)}"
        self.client.get(path, headers=self.headers, name="api item")

    @task(2)
    def update_write(self) -> None:
        path = f"{self.base}/items/{quote(self.item_key)}/updates/{PERIOD}"
        read = self.client.get(path, headers=self.headers, name="api update (read)")
        body = read.json()
        commentary = f"{body.get('commentary', '')[:200]} Checked again.".strip()
        with self.client.put(
            path,
            json={"commentary": commentary, "percent_complete": body.get("percent_complete")},
            headers={**self.headers, "If-Match": read.headers.get("ETag", '"0"')},
            name="api update (write)",
            catch_response=True,
        ) as written:
            if written.status_code != 200:
                written.failure(f"not saved: HTTP {written.status_code} {written.text[:120]}")
