""""When to get help" care cards: NHS levels as custom admonitions.

`!!! care-non-urgent "Speak to your health visitor or GP if:"` (also care-urgent and
care-emergency). The level is put into the title as text that screen readers say and print
shows, so it is never told by colour alone. An unknown level, a collapsible card or a title
that is not a call to action ending in "if:" stops the build.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from site_model import docs_path

LEVELS = {
    "care-non-urgent": "Non-urgent advice",
    "care-urgent": "Urgent advice",
    "care-emergency": "Emergency: act now",
}
CARD = re.compile(r'<div class="admonition ([^"]*?\bcare-[\w-]+[^"]*)">\s*'
                  r'<p class="admonition-title">(.*?)</p>', re.S)
COLLAPSIBLE = re.compile(r'<details class="[^"]*\b(care-[\w-]+)')
ANY_CARE = re.compile(r'<(?:div|details) class="[^"]*\b(care-[\w-]+)')


def on_page_content(html, page, config, **kwargs):
    where = docs_path(page, config)

    def level_text(match):
        classes, title = match.groups()
        level = next(c for c in classes.split() if c.startswith("care-"))
        if level not in LEVELS:
            raise PluginError(f"{where}: '{level}' is not a care card. Use one of: {', '.join(LEVELS)}.")
        if not re.sub(r"<[^>]+>", "", title).strip().endswith("if:"):
            raise PluginError(f"{where}: the '{level}' card's title is '{title}'. Make it one call to "
                              'action ending in "if:", for example "Speak to your health visitor or GP if:".')
        return (f'<div class="admonition {classes}" role="note">'
                f'<p class="admonition-title"><span class="app-care__level">{LEVELS[level]}: </span>{title}</p>')

    collapsible = COLLAPSIBLE.search(html)
    if collapsible:
        raise PluginError(f"{where}: the '{collapsible.group(1)}' card is collapsible ('???'). "
                          "Use '!!!' so it is always shown.")
    html = CARD.sub(level_text, html)
    for level in ANY_CARE.findall(html):
        if level not in LEVELS:
            raise PluginError(f"{where}: '{level}' is not a care card. Use one of: {', '.join(LEVELS)}.")
    return html
