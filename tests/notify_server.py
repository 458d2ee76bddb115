"""A local HTTP server that speaks the part of GOV.UK Notify's API the app uses (send an email
or a text message, list notifications by reference), started by the tests on 127.0.0.1. It
checks the JSON Web Token the client signs with the API key, as Notify does, and records every
request. It can be told to fail: answer 500 without taking the message, or take the message
and then answer 500 (the answer is lost, the message is not)."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from dataclasses import field
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs
from urllib.parse import urlsplit

from notifications_python_client.authentication import decode_jwt_token
from notifications_python_client.errors import TokenError

SERVICE_ID = "5d7b6a43-9c1e-4f2a-8b3d-2e6f0a1c9b87"
SECRET = "0f3e2d1c-b4a5-4c6d-9e8f-7a6b5c4d3e2f"
API_KEY = f"finder_tests-{SERVICE_ID}-{SECRET}"


@dataclass
class NotifyState:
    # Each entry: (method, path, json body or None, query)
    requests: list[tuple[str, str, dict | None, dict]] = field(default_factory=list)
    notifications: list[dict] = field(default_factory=list)
    # "ok"; "refuse" (500, nothing kept); "lose_answer" (kept, then 500)
    mode: str = "ok"

    def sent(self, kind: str) -> list[dict]:
        return [n for n in self.notifications if n["type"] == kind]


def _handler(state: NotifyState):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep the test output quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            token = header.removeprefix("Bearer ")
            try:
                valid = header.startswith("Bearer ") and decode_jwt_token(token, SECRET)
            except TokenError:
                valid = False
            if not valid:
                self._answer(403, {"status_code": 403, "errors": [
                    {"error": "AuthError", "message": "Invalid token"}]})
            return bool(valid)

        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            state.requests.append(("GET", url.path, None, query))
            if not self._authorised():
                return
            if state.mode != "ok":
                self._answer(500, {"status_code": 500, "errors": [
                    {"error": "Exception", "message": "Internal server error"}]})
                return
            found = [n for n in state.notifications
                     if n["reference"] == query.get("reference")
                     and n["type"] == query.get("template_type", n["type"])]
            self._answer(200, {"notifications": found, "links": {"current": self.path}})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            path = urlsplit(self.path).path
            state.requests.append(("POST", path, body, {}))
            if not self._authorised():
                return
            kind = {"/v2/notifications/sms": "sms",
                    "/v2/notifications/email": "email"}.get(path)
            if kind is None:
                self._answer(404, {"status_code": 404, "errors": [
                    {"error": "NotFound", "message": "Not found"}]})
                return
            if state.mode == "refuse":
                self._answer(500, {"status_code": 500, "errors": [
                    {"error": "Exception", "message": "Internal server error"}]})
                return
            notification = {
                "id": str(uuid.uuid4()), "type": kind, "status": "created",
                "reference": body.get("reference"), "template_id": body.get("template_id"),
                "phone_number": body.get("phone_number"),
                "email_address": body.get("email_address"),
                "personalisation": body.get("personalisation") or {},
            }
            state.notifications.append(notification)
            if state.mode == "lose_answer":
                self._answer(500, {"status_code": 500, "errors": [
                    {"error": "Exception", "message": "Internal server error"}]})
                return
            self._answer(201, {"id": notification["id"], "reference": notification["reference"],
                               "content": {"body": notification["personalisation"].get("body")},
                               "template": {"id": body.get("template_id"), "version": 1}})

    return Handler


class NotifyServer:
    """`with NotifyServer() as notify:` serves on notify.base_url until the block ends."""

    def __init__(self, port: int = 0):
        self.state = NotifyState()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self.state))
        self.port = self._server.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> NotifyServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
