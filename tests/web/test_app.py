"""The web review in process (Starlette's TestClient): roles, CSRF, hosts, reveal, proposals, no term in clear."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from safe_reply.cli import _register
from safe_reply.cli import app as cli_app
from safe_reply.log import RecordFilter, SqlLogStore, open_store
from safe_reply.log.records import AuditEvent, Label
from safe_reply.log.sealing import Sealer
from safe_reply.web.app import COOKIE, create_app
from safe_reply.web.auth import Reviewer, load_reviewers
from web.webdata import PASSWORD, REVEAL_KEY, make_log, reviewers_file

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ("Orion", "Tianjin", "Powercell")


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Reviewer]:
    return dict(load_reviewers(reviewers_file(tmp_path_factory.mktemp("people") / "reviewers.yaml")))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqlLogStore]:
    opened = open_store(make_log(tmp_path / "log.sqlite3"))
    yield opened
    opened.close()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "config", tmp_path / "config"))


def client(store: SqlLogStore, config: Path, people: dict[str, Reviewer], sealer: Sealer | None = None) -> TestClient:
    app = create_app(store, config, people, config.parent / "proposals", sealer)
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=True)


def sign_in(web: TestClient, name: str) -> str:
    page = web.post("/login?next=/queue", data={"name": name, "password": PASSWORD})
    assert page.status_code == 200, page.text
    return re.search(r'name="csrf" content="([^"]+)"', page.text)[1]  # type: ignore[index]


def test_signed_out_pages_go_to_sign_in_and_wrong_passwords_lock_out(store, config, people) -> None:
    web = client(store, config, people)
    page = web.get("/records/1")
    assert page.url.path == "/login"
    assert page.url.query == b"next=%2Frecords%2F1"
    for _ in range(5):
        assert web.post("/login", data={"name": "anna", "password": "wrong password"}).status_code == 401
    # Locked for a while, even with the right password now.
    assert web.post("/login", data={"name": "anna", "password": PASSWORD}).status_code == 401
    assert web.post("/login", data={"name": "nobody", "password": PASSWORD}).status_code == 401
    assert sign_in(web, "ben")


def test_headers_hosts_and_csrf(store, config, people) -> None:
    web = client(store, config, people)
    csrf = sign_in(web, "anna")
    page = web.get("/queue")
    assert page.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")
    assert page.headers["cache-control"] == "no-store"
    # DNS rebinding: a page served under another host name gets nothing.
    other = TestClient(web.app, base_url="http://evil.example")
    assert other.get("/login").status_code == 400
    # A form without the session's CSRF token changes nothing.
    assert web.post("/label", data={"record_id": "2", "finding": "0", "label": "confirmed"}).status_code == 403
    assert web.post("/label", data={"csrf": csrf, "record_id": "2", "finding": "0", "label": "confirmed"}).is_success
    assert store.get(2).labels[0].label is Label.CONFIRMED


def test_set_cookie_is_http_only_and_same_site_strict(store, config, people) -> None:
    web = client(store, config, people)
    response = web.post("/login", data={"name": "anna", "password": PASSWORD}, follow_redirects=False)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie


def test_viewer_reads_but_cannot_label(store, config, people) -> None:
    web = client(store, config, people)
    csrf = sign_in(web, "vera")
    assert "trade_secrets.codename" in web.get("/queue").text
    denied = web.post("/label", data={"csrf": csrf, "record_id": "2", "finding": "0", "label": "confirmed"})
    assert denied.status_code == 403
    assert store.get(2).labels == {}


def test_queue_filters_and_unknown_values(store, config, people) -> None:
    web = client(store, config, people)
    sign_in(web, "ben")
    records = lambda page: re.findall(r'data-record="(\d+)" data-finding="(\d+)"', page.text)  # noqa: E731
    assert records(web.get("/queue")) == [("1", "1"), ("2", "1"), ("3", "1"), ("4", "1")]
    assert records(web.get("/queue?mechanical=1")) == [("1", "1"), ("1", "2"), ("2", "1"), ("3", "1"), ("4", "1"),
                                                       ("5", "1")]  # fmt: skip
    assert records(web.get("/queue?category=trade_secret&product_line=ebike")) == [("1", "1"), ("3", "1")]
    bad = web.get("/queue?rule=claims.de/guarantee-absolut&product_line=ebkie")
    assert bad.status_code == 400
    label = web.get("/queue?label=unlabeled")
    assert "unknown label &#39;unlabeled&#39; (did you mean &#39;unlabelled&#39;?)" in label.text
    assert "unknown --product-line &#39;ebkie&#39; (did you mean &#39;ebike&#39;?)" in bad.text
    assert (
        "unknown --rule &#39;claims.de/guarantee-absolut&#39; (did you mean &#39;claims.de/guarantee-absolute&#39;?)"
        in bad.text
    )


def test_reveal_needs_the_role_and_every_attempt_is_recorded(store, config, people) -> None:
    web = client(store, config, people, Sealer(REVEAL_KEY))
    csrf = sign_in(web, "ben")
    page = web.get("/records/3")
    start = re.search(r'class="mask" data-start="(\d+)"', page.text)[1]  # type: ignore[index]
    denied = web.post("/records/3/reveal", data={"csrf": csrf, "start": start})
    assert denied.status_code == 403
    assert denied.json() == {"error": "Ihre Rolle darf keine Begriffe aufdecken / your role may not reveal terms"}
    web.post("/logout", data={"csrf": csrf})
    csrf = sign_in(web, "anna")
    assert web.post("/records/3/reveal", data={"csrf": csrf, "start": start}).json() == {"term": "Tianjin Powercell"}
    assert web.post("/records/3/reveal", data={"csrf": csrf, "start": "0"}).status_code == 409
    trail = store.history(3)
    assert [(e.event, e.reviewer, e.value) for e in trail] == [
        (AuditEvent.REVEAL_DENIED, "ben", "supplier"),
        (AuditEvent.REVEAL, "anna", "supplier"),
    ]
    assert "reveal" in web.get("/records/3").text  # the trail is on the record page


def test_without_the_reveal_key_nothing_can_be_revealed(store, config, people) -> None:
    web = client(store, config, people, sealer=None)
    csrf = sign_in(web, "anna")
    page = web.get("/records/1")
    assert 'disabled title="kein verschlüsseltes Original / no encrypted original"' in page.text
    refused = web.post("/records/1/reveal", data={"csrf": csrf, "start": "12"})
    assert refused.status_code == 409
    assert "no reveal key is set" in refused.json()["error"]


def test_proposals_become_patches_that_config_check_accepts(store, config, people) -> None:
    web = client(store, config, people, Sealer(REVEAL_KEY))
    csrf = sign_in(web, "ben")
    page = web.post("/records/2/propose", data={"csrf": csrf, "finding": "0"})
    assert page.status_code == 200
    assert "+  - &#34;Wir geben lebenslange Garantie auf den Akku.&#34;" in page.text
    # Allowing a term spells it out: a reviewer without the reveal role may not.
    assert web.post("/records/3/propose", data={"csrf": csrf, "finding": "0"}).status_code == 403
    web.post("/logout", data={"csrf": csrf})
    csrf = sign_in(web, "anna")
    assert "+    allowed_terms: [&#34;Lindwurm Tour 7&#34;, &#34;Tianjin Powercell&#34;]" in web.post(
        "/records/3/propose", data={"csrf": csrf, "finding": "0"}
    ).text
    patches = sorted((config.parent / "proposals").glob("*.patch"))
    assert [p.name.split("-", 1)[1] for p in patches] == [
        "record2-finding1-approve_claim.patch",
        "record3-finding1-allow_term.patch",
    ]
    for patch in patches:
        _register()
        checked = CliRunner().invoke(cli_app, ["config", "check", str(config), "--proposal", str(patch)])
        assert checked.exit_code == 0, checked.output
        assert "is no longer flagged in product line ebike" in " ".join(checked.output.split())
    assert [e.event for e in store.history(3)] == [AuditEvent.REVEAL, AuditEvent.PROPOSAL]
    assert "Garantie" not in (config / "product_lines" / "ebike.yaml").read_text()  # nothing edited silently


def test_no_protected_term_in_any_page_a_reviewer_sees(store, config, people) -> None:
    web = client(store, config, people, Sealer(REVEAL_KEY))
    sign_in(web, "ben")
    pages = [web.get(path).text for path in ("/queue", "/queue?mechanical=1&label=all", "/dashboard")]
    pages += [web.get(f"/records/{record.id}").text for record in store.query(RecordFilter())]
    for text in pages:
        assert not [s for s in SECRETS if s in text]

