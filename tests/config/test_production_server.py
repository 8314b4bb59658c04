"""docs/operations.md "Running a live site", followed step by step: production settings,
`councilplan init`, `collectstatic`, an import and a user, then gunicorn on this machine's
loopback address — and the public pages, the assets and a signed-in page answer."""

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.config.test_deploy import production_environment
from tests.imports.seeds import CORPORATE, seed_path

HOST = "plans.example.gov.uk"
PASSWORD = "a long enough password for the test"
STARTUP_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(port: int, path: str, *, cookie: str = "", data: dict | None = None):
    """A request as the TLS proxy in front of the site passes it on."""
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Cookie": cookie}
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data).encode()
        headers["Origin"] = f"https://{HOST}"
        headers["Referer"] = f"https://{HOST}{path}"
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", body, headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        return opener.open(request, timeout=20)
    except urllib.error.HTTPError as response:  # 3xx and 4xx come back here
        return response


def _cookies(response) -> str:
    jar = [value.split(";", 1)[0] for value in response.headers.get_all("Set-Cookie") or []]
    return "; ".join(jar)


@pytest.mark.slow
def test_a_live_site_set_up_as_the_operations_guide_says_serves_its_pages(tmp_path):
    environment = production_environment(
        tmp_path,
        COUNCILPLAN_ALLOWED_HOSTS=HOST,
        COUNCILPLAN_STATIC_ROOT=str(tmp_path / "static"),
        COUNCILPLAN_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )

    def step(*command: str, stdin: str = "") -> None:
        done = subprocess.run(
            command, env=environment, input=stdin, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"

    councilplan = [sys.executable, "-m", "councilplan.cli.main"]
    step(*councilplan, "init")
    step(sys.executable, "-m", "django", "collectstatic", "--noinput")
    step(*councilplan, "import", str(seed_path(CORPORATE)))
    step(
        *councilplan, "user", "officer", "--organisation", "Harlow Council",
        "--role", "performance_officer", "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "councilplan.config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "4", "--keep-alive", "75"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                home = _request(port, "/published/")
                break
            except (ConnectionError, urllib.error.URLError):
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        assert home.status == 200
        assert "Published plans" in home.read().decode()

        manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
        stylesheet = manifest["paths"]["councilplan/application.css"]
        assert _request(port, f"/static/{stylesheet}").status == 200

        sign_in = _request(port, "/sign-in/")
        assert sign_in.status == 200
        page, cookie = sign_in.read().decode(), _cookies(sign_in)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        signed = _request(
            port,
            "/sign-in/",
            cookie=cookie,
            data={"csrfmiddlewaretoken": token, "username": "officer", "password": PASSWORD},
        )
        assert signed.status == 302, signed.read().decode()[:500]
        session = "; ".join(filter(None, [cookie, _cookies(signed)]))
        plans = _request(port, "/", cookie=session)
        assert plans.status == 200
        assert "Harlow" in plans.read().decode()
        assert "no-store" in plans.headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=30)
