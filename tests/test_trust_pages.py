"""How we make this information (the process and PIF TICK's ten criteria) and Tell us about this
page (feedback with no form, no other website and no cookie), read from the built pages."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT

LINKS = dict(re.findall(r"^\[([\w-]+)\]:\s*(\S+)", (ROOT / "docs/.snippets/links.md").read_text(encoding="utf-8"), re.M))
# The ten criteria for organisations, in PIF's order and words (pifonline.org.uk/pif-tick/;
# piftick.org.uk/2022/06/07/pif-tick-criteria-updates/).
PIF_CRITERIA = ["Systems", "Training", "Need", "Evidence", "Involving users", "Health inequalities",
                "Content and design", "Feedback", "Disseminating", "Impact"]


def article(soups, path):
    return soups[path].select_one("article")


def test_how_we_make_it_maps_all_ten_pif_tick_criteria(soups):
    page = article(soups, "about/how-we-make-it/index.html")
    table = next(t for t in page.find_all("table") if "PIF TICK criterion" in t.get_text())
    rows = table.select("tbody tr")
    assert [r.td.strong.get_text(strip=True) for r in rows] == PIF_CRITERIA
    for number, row in enumerate(rows, 1):
        criterion, today, to_do = (" ".join(td.get_text(" ").split()) for td in row.find_all("td"))
        assert criterion.startswith(f"{number}. "), criterion
        assert today and to_do, f"{criterion}: what the site does and what the Trust still has to do"
    words = " ".join(page.get_text(" ").split())
    assert "This site does not have the PIF TICK." in words
    for missing in ("There are no training records yet", "Test the pages with parents", "Review the figures each year"):
        assert missing in words, "the Trust's own steps are marked as still to do"
    assert {a["href"] for a in page.find_all("a")} >= {LINKS["pif-tick"], LINKS["pif-tick-criteria"]}


def test_how_we_make_it_states_the_steps_in_order(soups):
    steps = [li.strong.get_text(strip=True).rstrip(".") for li in
             article(soups, "about/how-we-make-it/index.html").select("ol > li") if li.strong]
    assert steps == ["Draft", "Sources", "Clinical review", "Plain English and Easy Read checks",
                     "Testing with parents", "Sign-off", "Review dates", "Feedback"]


@pytest.mark.parametrize("path", ["about/index.html", "about/feedback/index.html"])
def test_about_links_to_how_we_make_it_and_feedback(soups, path):
    hrefs = {a["href"] for a in article(soups, path).find_all("a")}
    assert "../how-we-make-it/" in hrefs or "how-we-make-it/" in hrefs


def test_feedback_emails_the_trusts_patient_experience_team_with_a_subject(soups):
    page = article(soups, "about/feedback/index.html")
    email = page.select_one("a.app-feedback__email")
    address, _, query = email["href"].partition("?")
    assert address == LINKS["lpt-patient-experience-email"] == "mailto:lpt.patient.experience@nhs.net"
    fields = parse_qs(query)
    assert fields["subject"] == ["Feedback on the Early Years Pathway website"]
    assert fields["body"][0].startswith("Page (its address or title):"), "without JavaScript it asks which page"
    assert page.find("a", href=LINKS["lpt-patient-experience"]), "the page names its source for the address"
    assert page.find("a", href=LINKS["lpt-patient-experience-phone"])
    assert not page.find("form") and not page.find("iframe")
    script = page.find("script", src=re.compile(r"assets/feedback\.[0-9a-f]{8}\.js$"))
    assert script, "feedback.js, named by its content hash (hashed_assets.py)"
    holder = page.select_one("[data-app-feedback]")
    assert holder["data-app-feedback-root"] == "../../"


@pytest.mark.browser
def test_feedback_fills_in_the_page_it_came_from_and_ignores_other_sites(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "about/feedback/?page=ages/1-2-years/")
    shown = page.locator(".app-feedback__page")
    shown.wait_for(state="visible")
    assert shown.inner_text().endswith(site_url + "ages/1-2-years/")
    fields = parse_qs(urlsplit(page.locator("a.app-feedback__email").get_attribute("href")).query)
    assert fields["subject"] == [f"Feedback on the Early Years Pathway website: {site_url}ages/1-2-years/"]
    assert fields["body"][0].startswith(f"Page: {site_url}ages/1-2-years/")
    for other in ("https://elsewhere.example/", "//elsewhere.example/x", "javascript:alert(1)", "/%2F/elsewhere.example/"):
        page.goto(site_url + "about/feedback/?page=" + other)
        page.wait_for_load_state("load")
        assert page.locator(".app-feedback__page").is_hidden(), other
        assert "elsewhere" not in page.locator("a.app-feedback__email").get_attribute("href")
    assert page.context.cookies() == []
    page.close()


def test_privacy_says_exactly_what_the_server_logs(soups):
    words = " ".join(article(soups, "about/privacy/index.html").get_text(" ").split())
    assert "It does not keep your IP address" in words
    for field in ("the date and time", "without anything after a question mark", "its size"):
        assert field in words
    nginx = (ROOT / ".ci/deploy/nginx.conf").read_text()
    log_format = re.search(r"log_format early_years_no_address '([^']+)'", nginx)[1]
    assert re.findall(r"\$\w+", log_format) == ["$time_local", "$request_method", "$early_years_path",
                                                 "$server_protocol", "$status", "$body_bytes_sent"]
    assert "remote_addr" not in nginx and "x_forwarded_for" not in nginx and "http_user_agent" not in nginx
