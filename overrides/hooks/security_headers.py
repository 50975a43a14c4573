"""Security headers for the built site, with a Content-Security-Policy that fits it exactly.

The theme puts a few small scripts inline, and lean_pages.py inlines the style sheets and the
script that loads the theme's. After the build this hook hashes every inline script and style
it finds, so the policy allows those and nothing else: no 'unsafe-inline'.
It writes the same headers twice, for the two ways the site is served:
  site/_headers                 Cloudflare Pages or Netlify (the CDN option)
  site/_nginx-headers.conf      included by .ci/deploy/site-locations.conf on our own nginx
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S)
INLINE_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)


def inline_hashes(site_dir: Path, pattern: re.Pattern) -> list[str]:
    hashes = set()
    for page in site_dir.rglob("*.html"):
        for body in pattern.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def script_hashes(site_dir: Path) -> list[str]:
    return inline_hashes(site_dir, INLINE_SCRIPT)


def headers(site_dir: Path) -> dict[str, str]:
    policy = "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes(site_dir)),
        "style-src " + " ".join(["'self'", *inline_hashes(site_dir, INLINE_STYLE)]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        # No manifest-src: default-src covers it, and WebKit warns about it on every page.
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        "X-Frame-Options": "DENY",
        "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def on_post_build(config, **kwargs):
    site_dir = Path(config.site_dir)
    values = headers(site_dir)
    cdn = ["/*"] + [f"  {name}: {value}" for name, value in values.items()]
    cdn += ["", "/assets/*", "  Cache-Control: public, max-age=31536000, immutable"]
    (site_dir / "_headers").write_text("\n".join(cdn) + "\n", encoding="utf-8")
    nginx = [f'add_header {name} "{value}" always;' for name, value in values.items()]
    (site_dir / "_nginx-headers.conf").write_text(
        "# Made by overrides/hooks/security_headers.py at build time. Do not edit.\n" + "\n".join(nginx) + "\n",
        encoding="utf-8")
