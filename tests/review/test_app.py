"""The review app's JSON API through Starlette's TestClient: security, each edit, 409, 422, persistence."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bilingual.pipeline import Settings, align_pair
from bilingual.review.app import allowed_hosts, cookie_name, create_app
from bilingual.review.session import Session

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette suggests httpx2; httpx is what is installed
    from starlette.testclient import TestClient

PORT = 8765
TOKEN = "secret-token"
NAME = "2023-02-14-grassroots-safety"
AUTH = {"X-Bilingual-Token": TOKEN}


def session_of(corpus: Path) -> Session:
    return Session(Settings.resolve([corpus], similarity="lexical"))


@pytest.fixture
def client(corpus: Path) -> Iterator[TestClient]:
    app = create_app(session_of(corpus), TOKEN, allowed_hosts("127.0.0.1", PORT), PORT)
    with TestClient(app, base_url=f"http://127.0.0.1:{PORT}") as test_client:
        yield test_client


def doc(client: TestClient) -> dict[str, Any]:
    answer = client.get(f"/api/documents/{NAME}", headers=AUTH)
    assert answer.status_code == 200
    return dict(answer.json())


def post(client: TestClient, version: object, op: str, **extra: object) -> Any:
    return client.post(
        f"/api/documents/{NAME}/edits", headers=AUTH, json={"version": version, "op": op, **extra}
    )


def shape(document: dict[str, Any]) -> list[tuple[list[int], list[int], bool, bool]]:
    return [(b["zh"], b["en"], b["pinned"], b["verified"]) for b in document["beads"]]


@pytest.mark.parametrize("path", ["/", f"/documents/{NAME}", "/api/documents", "/static/review.js"])
def test_no_token_is_401(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"X-Bilingual-Token": "wrong"}).status_code == 401


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "127.0.0.1:9999", "localhost", "127.0.0.1.nip.io:8765"]
)
def test_a_foreign_host_is_403_even_with_the_token(client: TestClient, host: str) -> None:
    assert client.get("/api/documents", headers={**AUTH, "Host": host}).status_code == 403


@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}"])
def test_loopback_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/documents", headers={**AUTH, "Host": host}).status_code == 200


def test_the_tokenised_url_sets_a_strict_cookie_and_drops_the_token(client: TestClient) -> None:
    answer = client.get(f"/documents/{NAME}?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/documents/{NAME}"
    cookie = answer.headers["set-cookie"]
    assert (
        cookie.startswith(f"{cookie_name(PORT)}={TOKEN}")
        and "HttpOnly" in cookie
        and "SameSite=strict" in cookie
    )
    page = client.get(f"/documents/{NAME}", headers={"Cookie": f"{cookie_name(PORT)}={TOKEN}"})
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]


def test_documents_index(client: TestClient) -> None:
    listed = client.get("/api/documents", headers=AUTH).json()
    assert len(listed) == 7
    entry = next(e for e in listed if e["name"] == NAME)
    assert {"name", "beads", "uncertain", "verified", "findings"} <= set(entry)
    assert entry["beads"] > 5 and entry["verified"] == 0


def test_a_document_has_the_beads_every_output_carries(client: TestClient, corpus: Path) -> None:
    document = doc(client)
    settings = Settings.resolve([corpus], similarity="lexical")
    pair = next(p for p in settings.inputs.pairs if p.id == NAME)
    expected = align_pair(settings, pair).beads
    assert [(tuple(b["zh"]), tuple(b["en"]), b["confidence"]) for b in document["beads"]] == [
        (b.zh, b.en, round(b.score, 4)) for b in expected
    ]
    first = document["beads"][0]
    assert set(first) >= {"zh", "en", "zh_text", "en_text", "confidence", "pinned", "verified", "findings"}
    assert isinstance(document["version"], int)


def test_unknown_document_is_404(client: TestClient) -> None:
    assert client.get("/api/documents/nope", headers=AUTH).status_code == 404
    assert client.post("/api/documents/nope/edits", headers=AUTH, json={}).status_code == 404
    assert client.get("/documents/nope", headers=AUTH).status_code == 404


def test_edits_undo_redo_and_persistence(client: TestClient, corpus: Path) -> None:
    start = doc(client)
    beads = start["beads"]
    pins = corpus / "pins" / f"{NAME}.pins"
    merged = post(client, start["version"], "merge", bead=2)
    assert merged.status_code == 200
    after = merged.json()
    assert shape(after)[2] == (beads[2]["zh"] + beads[3]["zh"], beads[2]["en"] + beads[3]["en"], True, False)
    assert len(after["beads"]) == len(beads) - 1
    assert pins.read_text(encoding="utf-8").startswith("# bilingual pins v2\n")
    split = post(client, after["version"], "split", bead=2, zh=beads[3]["zh"][0], en=beads[3]["en"][0]).json()
    assert shape(split)[2:4] == [
        (beads[2]["zh"], beads[2]["en"], True, False),
        (beads[3]["zh"], beads[3]["en"], True, False),
    ]
    verified = post(client, split["version"], "verify", bead=0).json()
    assert verified["beads"][0]["verified"] and "verified" in pins.read_text(encoding="utf-8")
    moved = post(client, verified["version"], "move", bead=2, side="zh", direction="down").json()
    assert moved["beads"][2]["zh"] == beads[2]["zh"][:-1] or moved["beads"][2]["zh"] == []
    unverified = post(client, moved["version"], "unverify", bead=0).json()
    assert not unverified["beads"][0]["verified"] and unverified["undo"] == 5
    undone = post(client, unverified["version"], "undo").json()
    assert undone["beads"][0]["verified"] and undone["redo"] == 1
    undone = post(client, undone["version"], "undo").json()
    assert shape(undone) == shape(verified)
    redone = post(client, undone["version"], "redo").json()
    assert shape(redone) == shape(moved)
    # Persistence: a new server (a restart) shows the same beads, without the history.
    fresh = TestClient(
        create_app(session_of(corpus), TOKEN, allowed_hosts("127.0.0.1", PORT), PORT),
        base_url=f"http://127.0.0.1:{PORT}",
    )
    again = doc(fresh)
    assert shape(again) == shape(redone) and again["undo"] == 0
    assert again["version"] == redone["version"]


def test_a_stale_version_is_409_and_changes_nothing(client: TestClient, corpus: Path) -> None:
    start = doc(client)
    assert post(client, start["version"], "merge", bead=0).status_code == 200
    pins = (corpus / "pins" / f"{NAME}.pins").read_bytes()
    late = post(client, start["version"], "merge", bead=4)  # a second tab, still on the first version
    assert late.status_code == 409
    assert "changed since version" in late.json()["error"]
    assert (corpus / "pins" / f"{NAME}.pins").read_bytes() == pins
    assert late.json()["version"] == doc(client)["version"]


@pytest.mark.parametrize(
    ("op", "extra", "words"),
    [
        ("merge", {"bead": 999}, "bead index"),
        ("split", {"bead": 0, "zh": 0, "en": 0}, "empty part"),
        ("merge", {"bead": 0}, "verified"),
        ("undo", {"bead": 0}, "nothing to undo"),
        ("redo", {"bead": 0}, "nothing to redo"),
    ],
)
def test_an_edit_that_cannot_be_made_is_422_and_writes_nothing(
    client: TestClient, corpus: Path, op: str, extra: dict[str, Any], words: str
) -> None:
    start = doc(client)
    if words == "verified":
        start = post(client, start["version"], "verify", bead=1).json()
    elif op in ("undo", "redo"):
        start = post(client, start["version"], "verify", bead=1).json()
        start = post(client, start["version"], "undo").json() if op == "undo" else start
        if op == "undo":
            start = post(client, start["version"], "undo").json() if start["undo"] else start
    pins = corpus / "pins" / f"{NAME}.pins"
    before = pins.read_bytes() if pins.exists() else None
    answer = post(client, start["version"], op, **extra)
    assert answer.status_code == 422, answer.json()
    assert words in answer.json()["error"]
    assert (pins.read_bytes() if pins.exists() else None) == before
    assert doc(client)["version"] == start["version"]


def test_bad_requests(client: TestClient) -> None:
    url = f"/api/documents/{NAME}/edits"
    assert client.post(url, headers={**AUTH, "Content-Type": "text/plain"}, content=b"{}").status_code == 415
    assert (
        client.post(url, headers={**AUTH, "Content-Type": "application/json"}, content=b"{").status_code
        == 400
    )
    assert client.post(url, headers=AUTH, json=[1]).status_code == 400
    assert client.get(url, headers=AUTH).status_code == 405


def test_a_corrupt_pins_file_is_reported_and_left_untouched(corpus: Path) -> None:
    pins = corpus / "pins" / f"{NAME}.pins"
    pins.parent.mkdir()
    pins.write_bytes(b"# bilingual pins v2\n[0]:[0] zh=nonsense\n")
    client = TestClient(
        create_app(session_of(corpus), TOKEN, allowed_hosts("127.0.0.1", PORT), PORT),
        base_url=f"http://127.0.0.1:{PORT}",
    )
    document = doc(client)
    assert f"{pins}:2:" in document["error"] and document["beads"] == []
    page = client.get(f"/documents/{NAME}", headers=AUTH).text
    assert "cannot be reviewed" in page and "needs zh=" in page
    assert post(client, document["version"], "merge", bead=0).status_code == 422
    assert pins.read_bytes() == b"# bilingual pins v2\n[0]:[0] zh=nonsense\n"
    listed = client.get("/api/documents", headers=AUTH).json()
    assert next(e for e in listed if e["name"] == NAME)["error"]


def test_a_document_changed_on_disk_is_reread_and_its_stale_pins_reported(
    client: TestClient, corpus: Path
) -> None:
    start = doc(client)
    merged = post(client, start["version"], "merge", bead=3).json()
    pinned = merged["beads"][3]
    english = next((corpus / "en").glob(f"{NAME}.*"))
    text = english.read_text(encoding="utf-8")
    first_sentence = pinned["en_text"].split(". ")[0]
    assert first_sentence in text
    english.write_text(text.replace(first_sentence, first_sentence + " (edited)", 1), encoding="utf-8")
    changed = doc(client)
    assert changed["version"] != merged["version"]
    assert (
        len(changed["stale"]) == 1
        and "stale pin" in changed["stale"][0]
        and "not applied" in changed["stale"][0]
    )
    assert not any(b["pinned"] for b in changed["beads"])
    assert post(client, merged["version"], "merge", bead=0).status_code == 409  # made against the old text
    page = client.get(f"/documents/{NAME}", headers=AUTH).text
    assert "no longer matches the text" in page


def test_pins_move_with_their_sentences_when_a_sentence_is_added(client: TestClient, corpus: Path) -> None:
    start = doc(client)
    merged = post(client, start["version"], "merge", bead=4).json()
    zh_ids, en_ids = merged["beads"][4]["zh"], merged["beads"][4]["en"]
    english = next((corpus / "en").glob(f"{NAME}.*"))
    text = english.read_text(encoding="utf-8")
    body = text.index("Huang Jianfa, deputy")  # the first sentence of the body
    added = text[:body] + "An added paragraph of one sentence.\n\n" + text[body:]
    english.write_text(added, encoding="utf-8")
    changed = doc(client)
    assert changed["stale"] == []
    bead = next(b for b in changed["beads"] if b["pinned"])
    assert bead["zh"] == zh_ids and bead["en"] == [k + 1 for k in en_ids]
