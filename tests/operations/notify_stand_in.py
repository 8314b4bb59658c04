"""A stand-in for GOV.UK Notify's API on a loopback port: it checks each request the way Notify
does (a JSON Web Token signed with the API key's secret, issued by the key's service) and keeps
what it was sent, so tests can read it."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

SERVICE_ID = str(uuid.UUID(int=1))
SECRET = str(uuid.UUID(int=2))
API_KEY = f"councilplan_test-{SERVICE_ID}-{SECRET}"
REFUSED_ADDRESS = "refused@example.gov.uk"
REFUSED_MESSAGE = "Can’t send to this recipient using a team-only API key"


class NotifyStandIn(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[dict[str, Any]] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> "NotifyStandIn":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: NotifyStandIn

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        return

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.PyJWTError as error:
            return self._answer(403, {"errors": [{"error": "AuthError", "message": str(error)}]})
        if claims.get("iss") != SERVICE_ID:
            return self._answer(403, {"errors": [{"error": "AuthError", "message": "iss"}]})
        if self.path != "/v2/notifications/email":
            return self._answer(404, {"errors": [{"error": "NotFound", "message": self.path}]})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append(body)
        if body["email_address"] == REFUSED_ADDRESS:
            error = {"error": "BadRequestError", "message": REFUSED_MESSAGE}
            return self._answer(400, {"status_code": 400, "errors": [error]})
        personalisation = body.get("personalisation") or {}
        return self._answer(
            201,
            {
                "id": str(uuid.uuid4()),
                "reference": body.get("reference"),
                "content": {"subject": personalisation.get("subject", ""), "body": "…"},
                "template": {"id": body["template_id"], "version": 1, "uri": ""},
            },
        )

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
