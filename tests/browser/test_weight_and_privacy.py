"""What a first visit costs on the wire, and that nothing is fetched from anywhere else."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .pages import RESULTS_PATH

pytestmark = pytest.mark.browser

PAGE_BUDGET = 40 * 1024  # bytes on the wire, headers included, for a whole first visit
SCRIPT_BUDGET = 20 * 1024  # JavaScript as served, gzip-compressed
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def first_visit(new_context, server, path: str) -> tuple[list[str], dict[str, dict]]:
    """Load a page in an empty profile; return every URL requested and, per response,
    its resource type, its body's size as sent (compressed) and the bytes received,
    headers included (Chromium's encodedDataLength, what DevTools calls "transferred")."""
    context = new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    responses = {}

    def received(event):
        response = event["response"]
        headers = {name.lower(): value for name, value in response["headers"].items()}
        responses[event["requestId"]] = {
            "url": response["url"], "type": event["type"],
            "encoding": headers.get("content-encoding", ""),
            "length": headers.get("content-length"),
            "body": 0,
        }

    def data(event):
        responses[event["requestId"]]["body"] += event["encodedDataLength"]

    def finished(event):
        response = responses[event["requestId"]]
        response["bytes"] = event["encodedDataLength"]
        if response["length"] is not None:  # else streamed: the sum of the chunks received
            response["body"] = int(response["length"])

    devtools.on("Network.responseReceived", received)
    devtools.on("Network.dataReceived", data)
    devtools.on("Network.loadingFinished", finished)
    page.goto(server.url(path), wait_until="networkidle")
    return requested, responses


@pytest.mark.parametrize("path", ["/", RESULTS_PATH])
def test_every_request_stays_on_this_machine(new_context, server, path):
    requested, _ = first_visit(new_context, server, path)
    elsewhere = [url for url in requested
                 if not url.startswith("data:") and urlsplit(url).hostname not in LOCAL_HOSTS]
    assert requested and not elsewhere


def test_a_first_visit_to_a_results_page_is_small(new_context, server):
    _, responses = first_visit(new_context, server, RESULTS_PATH)
    total = sum(response["bytes"] for response in responses.values())
    scripts = sum(response["body"] for response in responses.values()
                  if response["type"] == "Script")
    figures = "\n".join(
        f"{r['bytes']:>7} on the wire, {r['body']:>6} {r['encoding']} body: {r['type']} {r['url']}"
        for r in responses.values()
    )
    print(f"\nfirst visit to {RESULTS_PATH}: {total} bytes on the wire, "
          f"JavaScript {scripts} bytes compressed\n{figures}")
    # The stylesheet is in the page itself (no second request before the first paint).
    assert {r["type"] for r in responses.values()} == {"Document", "Script"}
    assert all(r["encoding"] == "gzip" for r in responses.values()), figures
    assert total <= PAGE_BUDGET, figures
    assert scripts <= SCRIPT_BUDGET, figures
