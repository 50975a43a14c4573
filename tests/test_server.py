"""The production nginx configuration, on a real nginx serving the built site on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import IN_CI, ROOT, page_paths

NGINX = Path("/usr/sbin/nginx")
LOCATIONS = ROOT / ".ci" / "deploy" / "site-locations.conf"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    if not NGINX.exists():
        message = "nginx is not installed: run 'make test' to install nginx-light"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    prefix = tmp_path_factory.mktemp("nginx")
    shutil.copy(site_dir / "_nginx-headers.conf", prefix / "early-years-headers.conf")
    shutil.copy(LOCATIONS, prefix / "early-years-site-locations.conf")
    port = free_port()
    user = "user root root;" if os.geteuid() == 0 else ""  # pytest's temp folders are private to us
    (prefix / "nginx.conf").write_text(f"""
        {user}
        worker_processes 1;
        pid {prefix}/nginx.pid;
        error_log {prefix}/error.log;
        events {{ worker_connections 64; }}
        http {{
            include /etc/nginx/mime.types;
            types {{ application/manifest+json webmanifest; }}
            access_log off;
            client_body_temp_path {prefix}/body;
            proxy_temp_path {prefix}/proxy;
            fastcgi_temp_path {prefix}/fastcgi;
            uwsgi_temp_path {prefix}/uwsgi;
            scgi_temp_path {prefix}/scgi;
            server_tokens off;
            server {{
                listen 127.0.0.1:{port};
                root {site_dir};
                include early-years-site-locations.conf;
            }}
        }}
    """)
    check = subprocess.run([str(NGINX), "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                "-g", "daemon off;"])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    process.terminate()
    process.wait(timeout=10)


def get(base: str, path: str, **headers):
    parsed = urlparse(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_pages_have_security_headers(nginx):
    response, _ = get(nginx, "/help/")
    assert response.status == 200
    csp = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp and "sha256-" in csp
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert "camera=()" in response.getheader("Permissions-Policy")
    assert response.getheader("X-Frame-Options") == "DENY"
    assert response.getheader("Strict-Transport-Security").startswith("max-age=")
    assert response.getheader("Cache-Control") == "no-cache"
    assert response.getheader("Server") == "nginx"  # no version number


def test_hashed_assets_are_cached_for_a_year_with_headers(nginx, site_dir):
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js"))
    response, _ = get(nginx, f"/assets/javascripts/{bundle.name}")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_text_is_compressed(nginx, site_dir):
    response, body = get(nginx, "/", **{"Accept-Encoding": "gzip"})
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (site_dir / "index.html").read_bytes()


def test_missing_page_gets_the_sites_404(nginx):
    response, body = get(nginx, "/no-such-page/")
    assert response.status == 404
    assert b"Page not found" in body
    assert response.getheader("Content-Security-Policy")


def test_build_files_are_not_served(nginx):
    for path in ("/_headers", "/_nginx-headers.conf"):
        response, _ = get(nginx, path)
        assert response.status == 404


@pytest.mark.browser
def test_pages_load_through_nginx_without_csp_violations(nginx, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    for path in page_paths():
        page.goto(nginx + path.removesuffix("index.html"), wait_until="load")
    # The search worker and its index are fetched under the policy too.
    page.goto(nginx)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").press_sequentially("play", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    context.close()
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "ages/1-2-years/", "play/tummy-time/", "help/"])
def test_first_view_is_under_50_kb_compressed(nginx, browser, path):
    """Issue 6's budget, through the production server with gzip, as a first-time visitor."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(nginx + path, wait_until="load")
    page.wait_for_timeout(1000)
    entries = page.evaluate("""() => performance.getEntriesByType("navigation")
        .concat(performance.getEntriesByType("resource")).map(e => [e.name, e.transferSize])""")
    context.close()
    total = sum(size for _, size in entries)
    assert all(name.startswith((nginx, "data:")) for name, _ in entries)
    assert 0 < total <= 50 * 1024, f"{path or 'home'}: {total / 1024:.1f} KB: {entries}"


# --- site/_headers, for Cloudflare Pages or Netlify ------------------------------------------

def cdn_rules(site_dir) -> list[tuple[str, dict[str, str]]]:
    """[(path pattern, {header: value})] as the CDN reads site/_headers."""
    rules = []
    for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip() and not line.lstrip().startswith("#"):
            name, value = line.strip().split(":", 1)
            rules[-1][1][name.strip()] = value.strip()
    return rules


def cdn_headers(rules, path: str) -> dict[str, list[str]]:
    """Headers the CDN sends for a path: every matching rule's, a `*` matching anything."""
    sent: dict[str, list[str]] = {}
    for pattern, values in rules:
        if re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path):
            for name, value in values.items():
                sent.setdefault(name, []).append(value)
    return sent


def test_cdn_keeps_only_hashed_files_for_a_year(site_dir):
    rules = cdn_rules(site_dir)
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    hashed = [f for f in files if re.search(r"\.[0-9a-f]{8}\.min\.(?:js|css)$", f)]
    assert len(hashed) >= 3
    for name in ("assets/planner.js", "assets/planner.css", "assets/extra.css", "assets/share.js",
                 "assets/favicon.svg", "index.html"):
        assert name in files
    for name in files:
        cache = cdn_headers(rules, "/" + name).get("Cache-Control", [])
        if name in hashed:
            assert cache == ["public, max-age=31536000, immutable"], name
        else:
            assert not any("immutable" in value or "max-age=31536000" in value for value in cache), name


def test_cdn_and_nginx_send_the_same_security_headers(site_dir):
    cdn = cdn_headers(cdn_rules(site_dir), "/help/")
    nginx = dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$',
                            (site_dir / "_nginx-headers.conf").read_text(encoding="utf-8"), re.M))
    assert {name: [value] for name, value in nginx.items()} == {n: v for n, v in cdn.items() if n != "Cache-Control"}
    assert "Content-Security-Policy" in nginx and "Cross-Origin-Resource-Policy" in nginx
