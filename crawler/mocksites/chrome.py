# ruff: noqa: E501  (HTML templates read best one element a line, as the real pages)
"""Page chrome shared by the mock sites' HTML: cookie banner, navigation, footer, sharing.

Real job pages wrap a posting in a lot of text that is not the posting. The mocks
reproduce it so that a spider that does not scope its extraction gets caught by the
tests: the chrome must never reach an item's text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote


def cookie_banner(policy_url: str = "/privacy-policy") -> str:
    """A OneTrust-style cookie consent banner, as most agencies' career sites show."""
    return f"""<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner">
<div id="onetrust-policy"><p id="onetrust-policy-text">By continuing to browse this site, you agree to our use of cookies. We use cookies to improve your experience, analyse traffic and remember your preferences. <a href="{policy_url}">Read our privacy policy</a></p></div>
<div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Cookie settings</button><button id="onetrust-reject-all-handler">Reject all</button><button id="onetrust-accept-btn-handler">Accept all cookies</button></div>
</div></div>"""


def navigation(brand: str, links: list[tuple[str, str]]) -> str:
    """The site header: logo, main menu, language switcher and search box."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in links)
    return f"""<header id="header" class="site-header"><a class="skip-link" href="#content">Skip to main content</a>
<a class="logo" href="/"><img src="/static/logo.svg" alt="{escape(brand)} logo"></a>
<nav class="main-nav" aria-label="Main menu"><ul>{items}</ul></nav>
<div class="language-switcher"><a href="?lang=en">English</a> | <a href="?lang=fr">Français</a> | <a href="?lang=es">Español</a></div>
<form class="header-search" action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
</header>"""


def breadcrumbs(trail: list[tuple[str, str]]) -> str:
    """A breadcrumb trail, e.g. Home > Careers > Current vacancies."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in trail)
    return f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'


def share_links(url: str, title: str) -> str:
    """ "Share this job" buttons."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return f"""<div class="share-job"><h3>Share this job</h3><ul>
<li><a class="share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/?url={u}">LinkedIn</a></li>
<li><a class="share-x" href="https://x.com/intent/tweet?url={u}&amp;text={t}">X</a></li>
<li><a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u={u}">Facebook</a></li>
<li><a class="share-email" href="mailto:?subject={t}&amp;body={u}">Email this job</a></li>
</ul></div>"""


def related_jobs(jobs: list[tuple[str, str]], heading: str = "Similar jobs") -> str:
    """A block of links to other postings (title, href)."""
    items = "".join(
        f'<li><a class="related-job" href="{escape(href)}">{escape(title)}</a></li>'
        for title, href in jobs
    )
    return f'<aside class="similar-jobs"><h2>{escape(heading)}</h2><ul>{items}</ul></aside>'


def footer(organization: str, links: list[tuple[str, str]]) -> str:
    """The site footer with legal links and a copyright line."""
    items = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for text, href in links)
    return f"""<footer id="footer" class="site-footer"><ul class="footer-links">{items}</ul>
<p class="footer-social">Follow us on LinkedIn, X, Facebook, Instagram and YouTube.</p>
<p class="copyright">© {escape(organization)} 2026. All rights reserved. Fraud alert: {escape(organization)} does not charge a fee at any stage of the recruitment process.</p>
</footer>"""


def html_page(title: str, body: str, *, lang: str = "en", head: str = "") -> str:
    """A whole HTML document around `body`."""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
{head}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
{body}
<script src="/static/site.js"></script>
</body>
</html>
"""
