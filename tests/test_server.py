"""The production nginx configuration, whole, on a real nginx serving the built site on 127.0.0.1."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import RENAMED, ROOT, need, page_paths, refresh_target

# Every test here needs Debian's nginx: `make test` runs them, `make check` does not.
pytestmark = pytest.mark.system

NGINX = Path("/usr/sbin/nginx")
DEPLOY = ROOT / ".ci" / "deploy"
BASE = "/srv/early-years"  # where nginx.conf and site-locations.conf expect the releases


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rewrite(text: str, changes: dict[str, str]) -> str:
    """The production file with test paths and ports: each change must apply, so a changed
    nginx.conf fails here instead of being tested half."""
    for old, new in changes.items():
        assert old in text, f"{old!r} is no longer in the production configuration"
        text = text.replace(old, new)
    return text


class Nginx:
    """The production nginx.conf, whole (both server blocks, TLS with a self-signed
    certificate), on free ports of 127.0.0.1, serving releases published by deploy.sh."""

    def __init__(self, prefix: Path):
        need(str(NGINX), "nginx-light")
        need("openssl", "openssl")
        self.prefix, self.base = prefix, prefix / "srv"
        self.https_port, self.http_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.https_port}/"
        self.process = None
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-keyout", str(prefix / "key.pem"), "-out", str(prefix / "cert.pem")],
                       check=True, capture_output=True)
        (prefix / "early-years-site-locations.conf").write_text(
            rewrite((DEPLOY / "site-locations.conf").read_text(), {BASE: str(self.base)}))
        (prefix / "early-years.conf").write_text(rewrite((DEPLOY / "nginx.conf").read_text(), {
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen [::]:80;": "",
            "listen 443 ssl http2;": f"listen 127.0.0.1:{self.https_port} ssl http2;",
            "listen [::]:443 ssl http2;": "",
            "/etc/ssl/certs/early-years.pem": str(prefix / "cert.pem"),
            "/etc/ssl/private/early-years.key": str(prefix / "key.pem"),
            BASE: str(self.base),
            "/var/log/nginx/early-years.access.log": str(prefix / "access.log"),
            "/var/log/nginx/early-years.error.log": str(prefix / "site-error.log"),
        }))
        self.access_log = prefix / "access.log"
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
                include early-years.conf;
            }}
        """)
        self.command = [str(NGINX), "-p", str(prefix), "-c", str(prefix / "nginx.conf")]

    def deploy(self, site: Path, *, wait: bool = True, **env) -> subprocess.CompletedProcess:
        """deploy.sh, as the README runs it, with this nginx as DEPLOY_NGINX (on a first deploy it
        is not running yet: the reload fails and the deploy still succeeds); then, unless `wait`
        is False, until the workers of older reloads have finished."""
        env = {**{k: v for k, v in os.environ.items() if k != "NGINX"}, "DEPLOY_NGINX": " ".join(self.command), **env}
        result = subprocess.run(["sh", str(DEPLOY / "deploy.sh"), str(site), str(self.base)],
                                env=env, capture_output=True, text=True)
        # nginx reads a variable called NGINX itself; deploy.sh's own names never make it complain,
        # so a deploy that works prints no [emerg] line (a broken build's configuration still does).
        said = result.stdout + result.stderr
        assert "NGINX environment variable" not in said and (result.returncode or "[emerg]" not in said), said
        if self.process is not None and result.returncode == 0:
            time.sleep(0.5)  # the master reads the new configuration and starts its worker
            if wait:
                self.wait_for_old_workers()
        return result

    def shutting_down(self) -> list[int]:
        """This nginx's workers of an older reload, still finishing their requests."""
        found = subprocess.run(["pgrep", "-P", str(self.process.pid), "-f", "worker process is shutting down"],
                               capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def wait_for_old_workers(self, seconds: float = 10):
        """Until the workers of older reloads have finished (they have no request left)."""
        deadline = time.monotonic() + seconds
        while self.shutting_down():
            assert time.monotonic() < deadline, f"nginx workers still shutting down after {seconds} s"
            time.sleep(0.05)

    def start(self):
        check = subprocess.run(self.command + ["-t"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(self.command + ["-g", "daemon off;"])
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.https_port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        return self

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


def serve(prefix: Path, site: Path):
    """nginx serving `site` (deployed with deploy.sh); stop() it when done."""
    server = Nginx(prefix)
    result = server.deploy(site)
    assert result.returncode == 0, result.stderr
    return server.start()


@pytest.fixture(scope="module")
def server(site_dir, tmp_path_factory):
    running = serve(tmp_path_factory.mktemp("nginx"), site_dir)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def nginx(server):
    return server.url


def get(base: str, path: str, method: str = "GET", **headers):
    parsed = urlparse(base)
    if parsed.scheme == "https":
        connection = http.client.HTTPSConnection(parsed.hostname, parsed.port, timeout=10,
                                                 context=ssl._create_unverified_context())
    else:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    connection.request(method, path, headers=headers)
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


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/assets/icons/icon.svg", "/search/search_index.json",
                                  "/sitemap.xml"])
def test_files_that_are_not_pages_have_a_policy_that_allows_nothing(nginx, path):
    """The manifest and icon each first view fetches, and other files that are not pages, get every
    security header but a short policy that allows nothing (security_headers.FILE_POLICY)."""
    response, _ = get(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Security-Policy").startswith("default-src 'none';")
    assert "sha256-" not in response.getheader("Content-Security-Policy")
    for name in ("X-Content-Type-Options", "X-Frame-Options", "Strict-Transport-Security", "Referrer-Policy",
                 "Permissions-Policy", "Cross-Origin-Resource-Policy"):
        assert response.getheader(name), name
    assert response.getheader("Cache-Control") == "no-cache"


def test_pages_have_every_listed_header(nginx):
    """The Mozilla Observatory's and OWASP Secure Headers Project's list (see security_headers.py
    for the ones left out, and why)."""
    response, _ = get(nginx, "/")
    for name, value in {"Cross-Origin-Resource-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin",
                        "X-Permitted-Cross-Domain-Policies": "none"}.items():
        assert response.getheader(name) == value, name
    assert "object-src 'none'" in response.getheader("Content-Security-Policy")
    assert "base-uri 'self'" in response.getheader("Content-Security-Policy")


def test_link_preview_cards_reach_messaging_apps(nginx, site_dir):
    """A messaging app's server fetches the card itself: no Origin, no cookies. CORP binds
    browsers only, so the card is served to it."""
    card = next((site_dir / "assets" / "cards").glob("*.png"))
    response, body = get(nginx, f"/assets/cards/{card.name}", **{"User-Agent": "WhatsApp/2.23"})
    assert response.status == 200 and response.getheader("Content-Type") == "image/png"
    assert body == card.read_bytes()


def test_no_version_number_anywhere(server):
    for base in (server.url, f"http://127.0.0.1:{server.http_port}/"):
        for path in ("/", "/no-such-page/", "/.git/config"):
            response, body = get(base, path)
            assert response.getheader("Server") == "nginx", (base, path)
            assert b"nginx/" not in body


def test_plain_http_moves_to_https_at_the_sites_own_name(server):
    for host in ("early-years.example", "evil.example"):  # whatever Host the request names
        response, _ = get(f"http://127.0.0.1:{server.http_port}/", "/help/?a=1", Host=host)
        assert response.status == 301
        assert response.getheader("Location") == "https://early-years.example/help/?a=1"


@pytest.mark.parametrize("path, target", [("/help", "/help/"), ("/tummy-time", "/play/tummy-time/")])
def test_a_redirect_never_names_the_host_a_request_gave(server, path, target):
    """A folder without its / and a short link answer with the path alone: a request that names
    another host (Host: evil.example) is never sent there."""
    response, _ = get(server.url, path, Host="evil.example")
    assert response.status == 301 and response.getheader("Location") == target


@pytest.mark.parametrize("version, works", [("TLSv1_2", True), ("TLSv1_3", True), ("TLSv1_1", False)])
def test_tls_versions(server, version, works):
    context = ssl._create_unverified_context()
    context.set_ciphers("ALL:@SECLEVEL=0")  # the client would take TLS 1.1: the server must refuse it
    context.minimum_version = context.maximum_version = getattr(ssl.TLSVersion, version)
    context.set_alpn_protocols(["h2", "http/1.1"])
    try:
        with socket.create_connection(("127.0.0.1", server.https_port), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                assert tls.version() == version.replace("_", ".")
                assert tls.selected_alpn_protocol() == "h2"  # HTTP/2, with `listen ... http2` on nginx 1.22
        connected = True
    except ssl.SSLError:
        connected = False
    assert connected == works


def test_configuration_states_tls_and_hides_the_version():
    text = "\n".join(line.split("#")[0] for line in (DEPLOY / "nginx.conf").read_text().splitlines())
    assert "http2 on;" not in text  # nginx 1.25+ only: Debian 12 has 1.22
    https = text[text.index("listen 443"):]
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in https and "server_tokens off;" in https
    assert text.count("server_tokens off;") == 2


@pytest.mark.parametrize("path", [
    "/.git/config", "/.git/HEAD", "/.env", "/.htpasswd", "/play/.DS_Store", "/x.md", "/play/tummy-time.md",
    "/mkdocs.yml", "/docs/x.yaml", "/hooks/x.py", "/index.html~", "/index.html.bak", "/index.html.orig",
    "/deploy.sh", "/pyproject.toml", "/requirements.lock", "/_headers", "/_nginx-headers.conf", "/_nginx-file-headers.conf",
    "/_nginx-redirects.conf", "/_nginx-root.conf", "/_redirects",
])
def test_dotfiles_sources_and_build_files_are_never_served(server, path):
    release = server.base / "current"
    planted = release / path.lstrip("/")
    if not planted.exists():
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_text("secret = 1\n")
    response, body = get(server.url, path)
    assert response.status == 404, path
    assert b"secret" not in body and b"Page not found" in body
    assert response.getheader("Content-Security-Policy")


def test_well_known_stays_open(server):
    planted = server.base / "current" / ".well-known" / "security.txt"
    planted.parent.mkdir(exist_ok=True)
    planted.write_text("Contact: mailto:security@example.nhs.uk\n")
    response, _ = get(server.url, "/.well-known/security.txt")
    assert response.status == 200


@pytest.mark.parametrize("path, target", [
    ("/tummy-time/", "/play/tummy-time/"), ("/tummy-time", "/play/tummy-time/"),
    ("/Tummy-Time/", "/play/tummy-time/"), ("/WORRIED", "/help/"), ("/Refer/?utm_source=leaflet", "/professionals/?utm_source=leaflet"),
])
def test_short_links_answer_301_in_any_case(server, path, target):
    response, body = get(server.url, path)
    assert response.status == 301, path
    assert response.getheader("Location") == target
    assert b"http-equiv" not in body  # nginx's own answer, not the stub page
    assert response.getheader("Strict-Transport-Security") and response.getheader("Content-Security-Policy")
    page, _ = get(server.url, target)
    assert page.status == 200


# --- reach without tracking: the server's own log, counted by channel -------------------------------

IP_ADDRESS = re.compile(rb"\b\d{1,3}(?:\.\d{1,3}){3}\b|::1\b|\[::|127\.0\.0\.1")


def test_channel_addresses_are_counted_from_a_log_without_addresses(server, tmp_path):
    """Each channel's short address (text message, print, poster) answers with the same page; the
    shipped configuration's log has no client address, and `make stats` (.ci/stats.py, GoAccess)
    counts every channel from it and writes no address either."""
    need("goaccess", "goaccess")
    import yaml
    channels = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["short_link_channels"]
    assert set(channels) == {"text", "print", "poster"}
    mark = server.access_log.stat().st_size if server.access_log.exists() else 0
    visits = {"text": 3, "print": 2, "poster": 1}
    for channel, times in visits.items():
        for _ in range(times):
            response, _ = get(server.url, f"/{channels[channel]}/2-3-years/?page=x")
            assert response.status == 301
            assert response.getheader("Location") == "/ages/2-3-years/?page=x"
    response, _ = get(server.url, f"/{channels['text']}/planner/")
    assert response.getheader("Location").endswith("/planner/"), "the planner's text message address"
    get(server.url, "/2-3-years/")
    get(server.url, "/ages/2-3-years/")
    log = server.access_log.read_bytes()[mark:]
    assert log.count(b"\n") == sum(visits.values()) + 3, log
    assert not IP_ADDRESS.search(log), log
    assert b"?" not in log and b"Mozilla" not in log and b"python" not in log.lower(), "no query, browser or agent"
    sample = tmp_path / "access.log"
    sample.write_bytes(log)
    out = tmp_path / "stats"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / ".ci" / "stats.py"), str(sample),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    counts = __import__("json").loads((out / "channels.json").read_text())
    assert counts["text"] == {"total": 4, "addresses": {"2-3-years": 3, "planner": 1}}, counts
    assert counts["print"] == {"total": 2, "addresses": {"2-3-years": 2}}, counts
    assert counts["poster"] == {"total": 1, "addresses": {"2-3-years": 1}}, counts
    assert counts["short link"]["addresses"] == {"2-3-years": 1}
    assert "Text messages: 4" in result.stdout and "Posters: 1" in result.stdout
    report = (out / "report.html").read_bytes()
    assert re.search(rb"ages\\?/2-3-years", report) and len(report) > 10_000, "GoAccess's report of pages"
    for written in [sample, *out.iterdir()]:
        assert not IP_ADDRESS.search(written.read_bytes()), written.name


def test_stats_leave_out_addresses_from_a_log_in_nginx_own_format(tmp_path):
    """A log kept in nginx's usual combined format (client address, referrer, browser) still gives
    a report with none of them: .ci/stats.py rewrites each line before GoAccess reads it."""
    need("goaccess", "goaccess")
    log = tmp_path / "combined.log"
    log.write_text('203.0.113.7 - - [06/Dec/2026:10:00:00 +0000] "GET /poster/1-2-years/ HTTP/2.0" 301 162 '
                   '"https://elsewhere.example/" "Mozilla/5.0 (Linux; Android 14)"\n'
                   '2001:db8::7 - - [06/Dec/2026:10:00:01 +0000] "GET /ages/1-2-years/?from=x HTTP/2.0" 200 9000 "-" "-"\n'
                   "not a log line\n")
    out = tmp_path / "stats"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / ".ci" / "stats.py"), str(log),
                             "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Posters: 1" in result.stdout and "Lines left out (not an access log line): 1" in result.stdout
    for written in out.iterdir():
        body = written.read_bytes()
        assert b"203.0.113.7" not in body and b"2001:db8" not in body and b"elsewhere" not in body, written.name
        assert b"Android" not in body and b"from=x" not in body, written.name


def test_hashed_assets_are_cached_for_a_year_with_headers(nginx, site_dir):
    bundle = next((site_dir / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(site_dir)
    planner = next((site_dir / "assets").glob("planner.*.js")).relative_to(site_dir)  # hashed_assets.py
    for path in (bundle, planner):
        response, _ = get(nginx, f"/{path.as_posix()}")
        assert response.status == 200, path
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", path
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    for path in ("/sw.js", "/assets/icons/icon.svg", "/search/search_index.json"):  # same name in every build
        response, _ = get(nginx, path)
        assert response.status == 200 and response.getheader("Cache-Control") == "no-cache", path


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
    context = browser.new_context(viewport={"width": 390, "height": 844}, ignore_https_errors=True)
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
@pytest.mark.parametrize("path", ["", "ages/1-2-years/", "play/", "play/tummy-time/", "help/", "easy-read/",
                                  "easy-read/ages/", "easy-read/1-2-years/", "easy-read/play/",
                                  "easy-read/words/", "languages/", "easy-read/languages/",
                                  "interpreter/so/", "interpreter/zh/"])
def test_first_view_is_under_30_kb_compressed(nginx, browser, path):
    """The first-view budget, through the production server with gzip, as a first-time visitor on a
    phone, counted as Lighthouse counts it: every byte received, headers included, for the page and
    all it loads without being touched: every lazy picture (a browser fetches them a screen or two
    ahead), and the web app manifest with its icon."""
    total, received = first_view(browser, nginx, path)
    assert 0 < total <= 30 * 1024, f"{path or 'home'}: {total / 1024:.1f} KB: {received}"


def first_view(browser, nginx: str, path: str) -> tuple[int, dict]:
    """The bytes a first view of `path` receives (headers included), and each request's sizes."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, ignore_https_errors=True)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(nginx + path, wait_until="load")
    page.evaluate("""async () => {
        const pictures = [...document.images].filter(i => i.loading === "lazy");
        pictures.forEach(i => { i.loading = "eager"; });
        await Promise.all(pictures.map(i => i.decode().catch(() => null)));
        const manifest = document.querySelector("link[rel=manifest]");
        if (!manifest) return;
        // Chrome fetches the one icon it would install: the scalable one, where there is one.
        const icons = (await (await fetch(manifest.href)).json()).icons || [];
        const icon = icons.find(i => i.sizes === "any") || icons[0];
        if (icon) await fetch(new URL(icon.src, manifest.href));
    }""")
    received = {request.url: request.sizes() for request in finished}
    context.close()
    total = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in received.values())
    assert all(url.startswith((nginx, "data:")) for url in received)
    assert any(url.endswith(".webmanifest") for url in received)
    return total, received


# --- deploy.sh: pages and their policy change together ---------------------------------------

def other_build(site_dir: Path, dest: Path, mark: str) -> Path:
    """The site as another build would make it: a different policy and a different home page."""
    shutil.copytree(site_dir, dest, ignore=shutil.ignore_patterns("cards", "images"))
    headers = dest / "_nginx-headers.conf"
    headers.write_text(headers.read_text().replace("default-src 'self'", f"default-src 'self' {mark}", 1))
    index = dest / "index.html"
    index.write_text(index.read_text().replace("<body", f"<body data-build={mark}", 1))
    return dest


def test_deploy_swaps_pages_and_policy_together(site_dir, tmp_path):
    builds = {mark: other_build(site_dir, tmp_path / mark, mark) for mark in ("https://a.example", "https://b.example")}
    (tmp_path / "nginx").mkdir()
    server = serve(tmp_path / "nginx", builds["https://a.example"])
    seen, odd, stop = [], [], threading.Event()

    def visitor():  # asks for the home page all through the deploys
        while not stop.is_set():
            try:
                response, body = get(server.url, "/")
            except (OSError, http.client.HTTPException) as error:  # a refused or dropped connection is an answer a parent would see
                odd.append(f"no answer: {error!r}")
                continue
            policy = re.search(r"default-src 'self' (\S+);", response.getheader("Content-Security-Policy") or "")
            page = re.search(rb"data-build=(\S+?)[ >]", body)
            if policy and page:
                seen.append((policy[1], page[1].decode()))
            else:  # an answer from neither build: kept, so the assertion below names it
                releases = sorted(path.name for path in (server.base / "releases").iterdir())  # what was on disk then
                odd.append(f"{response.status}, policy {response.getheader('Content-Security-Policy')!r}, "
                           f"body {body[:120]!r}, releases {releases}, current {(server.base / 'current').resolve().name}")

    thread = threading.Thread(target=visitor)
    thread.start()
    try:
        for mark in ("https://b.example", "https://a.example", "https://b.example"):
            result = server.deploy(builds[mark])
            assert result.returncode == 0, result.stderr
            response, body = get(server.url, "/")
            assert f"default-src 'self' {mark};" in response.getheader("Content-Security-Policy")
            assert f"data-build={mark}".encode() in body
            current = (server.base / "current").resolve()
            assert current.parent == server.base / "releases"
            assert (current / "_nginx-root.conf").read_text().strip().endswith(f"root {current};")
        # Three releases kept (the one served among them); the oldest of four is gone.
        assert len(list((server.base / "releases").iterdir())) == 3
        # A build whose files nginx refuses changes nothing.
        broken = builds["https://a.example"]
        (broken / "_nginx-headers.conf").write_text("add_header broken\n")
        before = (server.base / "current").resolve()
        result = server.deploy(broken)
        assert result.returncode != 0 and "nothing was changed" in result.stderr
        assert (server.base / "current").resolve() == before
        response, _ = get(server.url, "/")
        assert "default-src 'self' https://b.example;" in response.getheader("Content-Security-Policy")
        # A folder that is not a build is refused before anything is copied.
        result = server.deploy(tmp_path / "nginx")
        assert result.returncode != 0 and "build the site first" in result.stderr
    finally:
        stop.set()
        thread.join()
        server.stop()
    # Every answer paired a page with its own build's policy, across four swaps.
    assert not odd, odd[:3]
    assert len({pair for pair in seen}) == 2 and len(seen) > 20
    assert all(policy == page for policy, page in seen), [pair for pair in seen if pair[0] != pair[1]][:3]


def test_first_deploy_before_nginx_runs_succeeds(site_dir, tmp_path):
    """The README installs the configuration after a first deploy: nginx is not running (or not
    reading it) yet, so its reload fails; the release is in place all the same, and exit 0."""
    (tmp_path / "nginx").mkdir()
    server = Nginx(tmp_path / "nginx")
    result = server.deploy(site_dir)  # the real reload, against an nginx that is not running
    assert result.returncode == 0, result.stderr
    assert "start nginx" in result.stdout
    current = (server.base / "current").resolve()
    assert (current / "index.html").read_bytes() == (site_dir / "index.html").read_bytes()
    server.start()
    try:
        response, _ = get(server.url, "/help/")
        assert response.status == 200
    finally:
        server.stop()


def test_deploy_refuses_nginx_own_variable(site_dir, tmp_path):
    """NGINX (the old README's name) is nginx's own: refused, naming the variable to use instead."""
    (tmp_path / "nginx").mkdir()
    server = Nginx(tmp_path / "nginx")
    result = subprocess.run(["sh", str(DEPLOY / "deploy.sh"), str(site_dir), str(server.base)],
                            env=dict(os.environ, NGINX=" ".join(server.command)), capture_output=True, text=True)
    assert result.returncode != 0 and "DEPLOY_NGINX" in result.stderr
    assert not (server.base / "current").exists()


def test_deploy_without_pgrep_stops_before_copying_and_says_what_to_install(site_dir, tmp_path):
    """Without pgrep it could not tell whether an older nginx worker still reads a release."""
    (tmp_path / "empty").mkdir()
    result = subprocess.run([shutil.which("sh"), str(DEPLOY / "deploy.sh"), str(site_dir), str(tmp_path / "srv")],
                            env={"PATH": str(tmp_path / "empty")}, capture_output=True, text=True)
    assert result.returncode != 0 and "apt-get install procps" in result.stderr
    assert not (tmp_path / "srv").exists()


def test_deploy_keeps_the_previous_builds_assets_for_one_release(site_dir, tmp_path):
    """A page of the previous build still open in a tab loads Listen's script on the first press:
    after a deploy that renamed it (a new hash), its old name still answers, for one release."""
    old = sorted(p.name for p in (site_dir / "assets").glob("listen.*.js"))[0]
    builds = []
    for n in range(3):  # three builds, each with another name for Listen's script
        build = tmp_path / f"build{n}"
        shutil.copytree(site_dir, build, ignore=shutil.ignore_patterns("cards", "images"))
        (build / "assets" / old).rename(build / "assets" / f"listen.{n:08x}.js")
        builds.append(build)
    (tmp_path / "nginx").mkdir()
    server = serve(tmp_path / "nginx", builds[0])
    try:
        assert server.deploy(builds[1]).returncode == 0
        for name, status in ((f"listen.{0:08x}.js", 200), (f"listen.{1:08x}.js", 200)):
            response, _ = get(server.url, f"/assets/{name}")
            assert response.status == status, name
        assert server.deploy(builds[2]).returncode == 0
        response, _ = get(server.url, f"/assets/listen.{0:08x}.js")
        assert response.status == 404, "kept for one release only"
        response, _ = get(server.url, f"/assets/listen.{1:08x}.js")
        assert response.status == 200
        response, _ = get(server.url, "/_previous-assets.txt")
        assert response.status == 404
    finally:
        server.stop()


def test_a_request_in_flight_across_deploys_is_answered_from_its_own_release(site_dir, tmp_path):
    """A parent on slow data has asked for a page; before it is answered, two deploys happen.
    The worker holding that request keeps its release (deploy.sh leaves older releases while
    such a worker is still finishing), so the answer is the page it asked for, with its own
    build's policy; once that worker is done, the next deploy deletes the older releases."""
    builds = {mark: other_build(site_dir, tmp_path / mark, mark) for mark in ("https://a.example", "https://b.example")}
    (tmp_path / "nginx").mkdir()
    server = serve(tmp_path / "nginx", builds["https://a.example"])
    first = (server.base / "current").resolve()
    held = ssl._create_unverified_context().wrap_socket(socket.create_connection(("127.0.0.1", server.https_port), timeout=10))
    try:
        held.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # the rest of the request is still on its way
        time.sleep(0.2)
        for mark in ("https://b.example", "https://a.example"):
            result = server.deploy(builds[mark], wait=False, DEPLOY_KEEP="2")
            assert result.returncode == 0, result.stderr
        held.sendall(b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := held.recv(65536):
            answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200"), head[:200]
        assert b"default-src 'self' https://a.example;" in head and b"data-build=https://a.example" in body
        assert "left for the next deploy" in result.stdout and first.is_dir()
    finally:
        held.close()
    try:
        server.wait_for_old_workers()
        assert server.deploy(builds["https://b.example"], DEPLOY_KEEP="2").returncode == 0
        assert not first.exists() and len(list((server.base / "releases").iterdir())) == 2
    finally:
        server.stop()


def test_deploy_keeps_the_newest_releases_and_the_one_served_until_now(tmp_path):
    """Deploys in one second (a fixed clock) still keep the three made last, in order; after a
    roll back to an older release, the next deploy keeps that one too, as workers finishing its
    requests still read it (a deleted release answers nginx's bare 404, no page at all)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "date").write_text("#!/bin/sh\necho 20270101T000000Z\n")
    (bin_dir / "date").chmod(0o755)
    env = dict({k: v for k, v in os.environ.items() if k != "NGINX"},
               PATH=f"{bin_dir}:{os.environ['PATH']}", DEPLOY_NGINX="true", DEPLOY_RELOAD="true")
    base = tmp_path / "srv"

    def deploy(n: int) -> Path:
        site = tmp_path / f"site{n}"
        site.mkdir()
        for name in ("index.html", "404.html", "_nginx-headers.conf", "_nginx-file-headers.conf", "_nginx-redirects.conf"):
            (site / name).write_text(f"build {n}\n")
        result = subprocess.run(["sh", str(DEPLOY / "deploy.sh"), str(site), str(base)], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return (base / "current").resolve()

    def kept() -> list[str]:
        return sorted((release / "index.html").read_text().split()[1] for release in (base / "releases").iterdir())

    served = [deploy(n) for n in range(6)]
    assert [release.name for release in served] == [f"20270101T000000Z-{n:06d}" for n in range(1, 7)]
    assert kept() == ["3", "4", "5"]
    # Roll back to the oldest kept (as the script's comments say), then deploy again.
    link = base / "current.new"
    link.symlink_to(served[3])
    link.rename(base / "current")
    assert deploy(6).name == "20270101T000000Z-000007"
    assert kept() == ["3", "4", "5", "6"]
    deploy(7)  # and the one after drops back to three
    assert kept() == ["5", "6", "7"]


# --- a renamed page's old address (issue 25): the short link the build asks for, through nginx ---

@pytest.fixture(scope="module")
def renamed_server(renamed_site, tmp_path_factory):
    running = serve(tmp_path_factory.mktemp("nginx-renamed"), renamed_site)
    yield running
    running.stop()


@pytest.mark.parametrize("path", ["/concerns/w-sitting/", "/concerns/w-sitting", "/Concerns/W-Sitting/",
                                  "/concerns/w-sitting/?utm_source=leaflet"])
def test_a_renamed_page_s_old_address_answers_301_to_its_new_one(renamed_server, renamed_site, path):
    old, new = RENAMED
    response, _ = get(renamed_server.url, path)
    assert response.status == 301, path
    query = "?" + path.split("?", 1)[1] if "?" in path else ""
    assert response.getheader("Location") == f"/{new}/{query}"
    page, body = get(renamed_server.url, f"/{new}/")
    assert page.status == 200 and b"W sitting" in body
    # Without nginx (a static host), the forwarding page does the same, with no script.
    stub = (renamed_site / old / "index.html").read_text(encoding="utf-8")
    assert refresh_target(stub) == "../w-sitting-position/"
    assert f"/{old}/ /{new}/ 301" in (renamed_site / "_redirects").read_text(encoding="utf-8")
