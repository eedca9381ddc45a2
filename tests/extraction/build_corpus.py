# ruff: noqa: E501  (posting prose and page templates: long lines are the data)
"""Builds the job-page evaluation corpus: pages/<id>.html and pages/<id>.json.

Each page is one posting (from the five seed postings in ../shared/seeds, or written
here after the real sources' postings) wrapped in the chrome of one
site template: cookie banners (OneTrust, Cookiebot, home-made), navigation, breadcrumbs,
"Apply now" / "Back to search results" / "Report Problem" / "Share this job" /
"Similar jobs" / "Sign in" blocks, printable banners, footers. The ground truth follows
WCXB: ``ground_truth.main_content`` (the posting as plain text), ``with`` (snippets that
must appear), ``without`` (chrome that must not), plus ``fields`` the extractor must read.

The pages are committed; run this only to change the corpus, then re-pin floors:

    .venv/bin/python tests/extraction/build_corpus.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
PAGES = HERE / "pages"

Block = tuple[str, Any]


# --- seed texts into blocks --------------------------------------------------------------

_ITEM = re.compile(r"^\s*(?:[•\-*]|¿)\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,2})\.\s+(.*)$")


def seed_blocks(text: str) -> list[Block]:
    """Seed text -> blocks: bullets become lists, short unpunctuated lines headings."""
    lines = [line.rstrip() for line in text.splitlines()]
    blocks: list[Block] = []
    for index, line in enumerate(lines):
        stripped = line.strip().replace("\xa0", " ")
        if not stripped:
            continue
        if m := _ITEM.match(line):
            kind, item = "ul", m[1].strip()
        elif m := _NUMBERED.match(line):
            kind, item = "ol", m[2].strip()
        else:
            kind, item = "", ""
        if kind:
            if blocks and blocks[-1][0] == kind:
                blocks[-1][1].append(item)
            else:
                blocks.append((kind, [item]))
            continue
        nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
        words = stripped.split()
        if (
            len(words) <= 8
            and not stripped.endswith((".", ",", ";"))
            and not nxt[:1].islower()
            and not re.match(r"^\(?\d", stripped)
        ):
            blocks.append(
                (
                    "h2",
                    stripped.rstrip(":").strip()
                    if stripped.endswith(":") and len(words) <= 4
                    else stripped,
                )
            )
        else:
            blocks.append(("p", stripped))
    return blocks


def between(text: str, start: str, end: str | None = None) -> str:
    i = text.index(start)
    j = text.index(end, i) if end else len(text)
    return text[i:j]


# --- rendering ----------------------------------------------------------------------------

e = html.escape


def render_blocks(blocks: list[Block], style: str = "plain") -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind in {"h1", "h2", "h3"}:
            out.append(f"<{kind}>{e(value)}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{e(value)}</p>")
        elif kind in {"ul", "ol"}:
            items = "".join(f"<li>{e(i)}</li>" for i in value)
            out.append(f"<{kind}>{items}</{kind}>")
        elif kind == "fields":
            out.append(render_fields(value, style))
        elif kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in value
            )
            out.append(f"<table class='data'>{rows}</table>")
        elif kind == "raw":
            out.append(value)
    return "\n".join(out)


def render_fields(pairs: list[tuple[str, str]], style: str) -> str:
    if style == "ul":
        return (
            "<ul class='job-info'>"
            + "".join(f"<li><strong>{e(k)}:</strong> {e(v)}</li>" for k, v in pairs)
            + "</ul>"
        )
    if style == "dl":
        return (
            "<dl class='job-meta'>"
            + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in pairs)
            + "</dl>"
        )
    if style == "table":
        return (
            "<table class='vacancy-header'>"
            + "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in pairs)
            + "</table>"
        )
    # "br": PageUp style, <b>Label:</b> value<br>
    return (
        "<p class='job-fields'>" + "".join(f"<b>{e(k)}:</b> {e(v)}<br>" for k, v in pairs) + "</p>"
    )


def truth_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for kind, value in blocks:
        if kind in {"h1", "h2", "h3", "p"}:
            out.append(value)
        elif kind == "ul":
            out.append("\n".join(f"- {i}" for i in value))
        elif kind == "ol":
            out.append("\n".join(f"{n}. {i}" for n, i in enumerate(value, 1)))
        elif kind == "fields":
            out.append("\n".join(f"{k}: {v}" for k, v in value))
        elif kind == "table":
            out.append("\n".join(" | ".join(row) for row in value))
        elif kind == "truth":
            out.append(value)
    return "\n\n".join(x for x in out if x)


def page(head: str, body: str, lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html>\n<html lang='{lang}'>\n<head>\n<meta charset='utf-8'>\n{head}\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def jsonld(data: dict[str, Any]) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data, indent=1)}</script>"


# --- chrome ------------------------------------------------------------------------------

ONETRUST = """<div id="onetrust-consent-sdk"><div class="onetrust-pc-dark-filter ot-hide"></div>
<div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner">
<div class="ot-sdk-container"><div id="onetrust-policy"><h2 id="onetrust-policy-title">We value your privacy</h2>
<div id="onetrust-policy-text">We use cookies and similar technologies to personalise content, measure traffic and improve your experience on our site. By clicking "Accept All Cookies", you agree to the storing of cookies on your device. <a href="/privacy">Cookie Policy</a></div></div>
<div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Cookie Settings</button><button id="onetrust-reject-all-handler">Reject All</button><button id="onetrust-accept-btn-handler">Accept All Cookies</button></div></div></div></div>"""

COOKIEBOT = """<div id="CybotCookiebotDialog" name="CybotCookiebotDialog" role="dialog" aria-modal="true" lang="en">
<div class="CybotCookiebotDialogContentWrapper"><h2 id="CybotCookiebotDialogBodyContentTitle">This website uses cookies</h2>
<div id="CybotCookiebotDialogBodyContentText">We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. We also share information about your use of our site with our social media, advertising and analytics partners who may combine it with other information that you've provided to them or that they've collected from your use of their services.</div>
<div id="CybotCookiebotDialogBodyButtonsWrapper"><button id="CybotCookiebotDialogBodyButtonDecline">Deny</button><button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowallSelection">Allow selection</button><button id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll">Allow all</button></div>
<a id="CybotCookiebotDialogPoweredbyCybot" href="https://www.cookiebot.com">Powered by Cookiebot by Usercentrics</a></div></div>"""

IMPACTPOOL_COOKIE = """<div class="cookies-eu-banner" id="cookies-eu-banner"><span>By continuing to browse this site, you agree to our use of cookies. <a href="/privacy">Read our privacy policy</a></span> <button id="cookies-eu-accept">OK</button></div>"""

HOMEMADE_COOKIE = """<div class="gdpr-notice" style="position:fixed;bottom:0"><p>This site uses cookies to give you the best experience. By using this site you accept our cookie policy.</p><a class="btn" href="#" onclick="acceptCookies()">Got it!</a> <a href="/cookie-policy">Learn more</a></div>"""

FOOTER_LINKS = "".join(
    f"<li><a href='/{x.lower().replace(' ', '-')}'>{x}</a></li>"
    for x in ["About us", "Contact", "Privacy policy", "Terms of use", "Fraud alert"]
)


def impactpool_chrome(main: str, *, login: bool) -> str:
    login_box = (
        "<div class='login-prompt'><p>Sign in to see the full job details and apply. "
        "Don't have an account? <a href='/users/sign_up'>Create a free account</a></p>"
        "<a class='btn' href='/users/sign_in'>Sign in</a></div>"
        if login
        else ""
    )
    return f"""{IMPACTPOOL_COOKIE}
<header class="navbar"><a class="brand" href="/">impactpool</a><nav><ul>
<li><a href="/search">Jobs</a></li><li><a href="/organizations">Organizations</a></li><li><a href="/insights">Insights</a></li><li><a href="/career-coaching">Career coaching</a></li></ul></nav>
<a href="/users/sign_in">Log in</a> <a class="btn" href="/users/sign_up">Sign up</a></header>
<div class="container"><div class="row"><div class="col-md-8 job-show">
{main}
{login_box}
<div class="share-job"><h4>Share this job</h4><a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Twitter</a> <a href="#">Copy link</a></div>
</div><aside class="col-md-4"><div class="similar-jobs"><h3>Similar jobs</h3><ul>
<li><a href="/jobs/1011">Senior Protection Officer, Geneva</a></li><li><a href="/jobs/1012">Associate Resettlement Officer, Nairobi</a></li><li><a href="/jobs/1013">Protection Associate, Amman</a></li></ul></div>
<div class="newsletter">Get the latest jobs in your inbox. <a href="/alerts">Create job alert</a></div></aside></div></div>
<footer class="footer"><ul>{FOOTER_LINKS}</ul><p>© 2024 Impactpool AB. All rights reserved.</p></footer>"""


def unhcr_old_chrome(main: str) -> str:
    return f"""<table width="100%" class="layout"><tr><td colspan="2" class="banner"><img src="/img/unhcr-logo.gif" alt="UNHCR logo"> <span class="tagline">The UN Refugee Agency</span></td></tr>
<tr><td class="leftnav" valign="top"><ul><li><a href="/">Home</a></li><li><a href="/about">About us</a></li><li><a href="/careers">Careers</a></li><li><a href="/vacancies">Vacancies</a></li><li><a href="/contact">Contact us</a></li></ul></td>
<td class="content" valign="top">
<div class="tools"><a href="javascript:window.print()">Print this page</a> | <a href="/email-page">Email this page</a></div>
{main}
<p class="report"><a href="/report-problem?vacancy=99-19">Report Problem</a></p>
</td></tr>
<tr><td colspan="2" class="footer">© UNHCR 2001-2019 | <a href="/terms">Terms of use</a> | <a href="/privacy">Privacy</a> | <a href="/sitemap">Site map</a></td></tr></table>"""


def workday_chrome(main: str) -> str:
    return f"""{COOKIEBOT}
<div id="root"><header data-automation-id="header"><a data-automation-id="logoLink" href="/en-US/External">UNHCR Careers</a>
<nav><a data-automation-id="navigationItem-Search for Jobs" href="/en-US/External">Search for Jobs</a></nav>
<button data-automation-id="utilityButtonSignIn">Sign In</button></header>
<main><div data-automation-id="jobPostingPage">
<div data-automation-id="adventureButton"><a href="/en-US/External/apply">Apply</a></div>
{main}
<div data-automation-id="adventureButton"><a href="/en-US/External/apply">Apply</a></div>
</div>
<section data-automation-id="similarJobsSection"><h2>Similar Jobs (3)</h2><ul>
<li><a href="/job/1">Senior Protection Assistant</a><p>Mexico City</p><p>Posted 2 Days Ago</p></li>
<li><a href="/job/2">Registration Assistant</a><p>Tapachula</p><p>Posted 30+ Days Ago</p></li>
<li><a href="/job/3">Associate Protection Officer</a><p>Monterrey</p><p>Posted Yesterday</p></li></ul></section></main>
<footer data-automation-id="footerContainer"><p>© 2024 Workday, Inc. All rights reserved.</p><a href="#">Follow Us</a> <a href="/privacy">Privacy</a></footer></div>"""


def wordpress_board_chrome(main: str, title: str) -> str:
    return f"""{HOMEMADE_COOKIE}
<div id="page" class="site"><header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home">UN Jobs Daily</a><p class="site-description">Humanitarian and development vacancies</p></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a href="/">Home</a></li><li><a href="/jobs/">Browse jobs</a></li><li><a href="/post-a-job/">Post a job</a></li><li><a href="/blog/">Career advice</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> » <a href="/jobs/">Jobs</a> » <span>{e(title)}</span></div>
<div id="content" class="site-content"><div id="primary" class="content-area"><article class="job_listing type-job_listing">
<div class="job-actions"><a class="report" href="#report">Report Problem</a></div>
{main}
<div class="sharedaddy"><h3 class="sd-title">Share this job:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">X</a></li><li><a href="#">WhatsApp</a></li><li><a href="#">Email</a></li></ul></div>
</article>
<section class="related-jobs"><h2>Related Jobs</h2><ul><li><a href="/job/1">Registration Assistant – Tapachula</a> Deadline: 20/10/2024</li><li><a href="/job/2">Protection Officer – Tijuana</a> Deadline: 25/10/2024</li></ul></section></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Job categories</h2><ul><li>Peace and Security (120)</li><li>Health (87)</li><li>Education (54)</li></ul></section>
<section class="widget"><h2 class="widget-title">Subscribe</h2><p>Get new vacancies by email every morning.</p></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Copyright © 2024 UN Jobs Daily · Proudly powered by WordPress</div></footer></div>"""


def pageup_chrome(main: str) -> str:
    return f"""{ONETRUST}
<header id="header"><a href="https://www.unicef.org" class="logo"><img alt="UNICEF for every child" src="/logo.png"></a>
<ul class="nav"><li><a href="/en-us/listing/">Current vacancies</a></li><li><a href="/en-us/talent-pools/">Talent pools</a></li><li><a href="https://www.unicef.org/careers">Careers home</a></li></ul></header>
<div id="content"><h1>Current vacancies</h1><p class="intro">Explore our current job opportunities</p>
<form id="job-search" class="search-filters" action="/en-us/filter/"><fieldset><legend>Contract type</legend><select name="work-type"><option>All</option><option>Fixed Term Appointment</option><option>Temporary Appointment</option><option>Consultancy</option></select></fieldset>
<fieldset><legend>Locations</legend><select name="location"><option>Latin America and Caribbean Region</option><option>Eastern and Southern Africa Region</option></select></fieldset>
<fieldset><legend>Functional Area</legend><select name="category"><option>Programme and Policy</option><option>Operations</option></select></fieldset>
<fieldset><legend>Position level</legend><select name="pay-scale"><option>NO-1</option><option>P-3</option></select></fieldset><button type="submit">Search</button></form>
<div id="job"><div id="job-content">
{main}
</div></div>
<p class="page-actions"><a class="back-link" href="/en-us/listing/">Back to search results</a> <a class="apply-link button" href="#apply">Apply now</a></p>
</div>
<footer id="footer"><p>© UNICEF. All rights reserved. <a href="/privacy">Privacy</a> <a href="/legal">Legal</a></p><p class="powered">Powered by PageUp</p></footer>"""


def state_chrome(main: str) -> str:
    return f"""<div class="printable-banner" id="print-banner"><img src="/images/print-banner.gif" alt="printable banner"><span>printable banner</span></div>
<div id="header"><a href="/"><img src="/images/seal.png" alt="U.S. Department of State - Great Seal"></a>
<p class="site-title">U.S. Department of State</p><p class="tagline">Diplomacy in Action</p>
<form id="search" role="search"><input type="text" name="q" title="Search"><button>Search</button></form></div>
<div id="topnav"><ul><li><a href="/">Home</a></li><li><a href="/secretary/">Secretary of State</a></li><li><a href="/r/pa/">Press</a></li><li><a href="/travel/">Travel</a></li><li><a href="/careers/">Careers</a></li></ul></div>
<div id="leftnav"><h3>Population, Refugees, and Migration</h3><ul><li><a href="/j/prm/">Home</a></li><li><a href="/j/prm/policyissues/">Policy Issues</a></li><li><a href="/j/prm/jpo_ae/">Junior Professional Officer Program</a></li><li><a href="/j/prm/funding/">Funding Opportunities</a></li></ul></div>
<div id="centerblock">
{main}
<p class="back-to-top"><a href="#top">Back to Top</a></p></div>
<div id="footer-signin"><p>Do you already have an account on one of these sites? Click the logo to sign in and create your own customized State Department page. Want to learn more? Check out our FAQ!</p>
<p>OpenID is a service that allows you to sign in to many different websites using a single identity. Find out more about OpenID and how to get an OpenID-enabled account.</p></div>
<div id="footer"><ul><li><a href="/misc/87529.htm">Privacy Notice</a></li><li><a href="/misc/415.htm">FOIA</a></li><li><a href="/misc/60289.htm">Copyright Information</a></li><li><a href="/whitehouse">White House</a></li></ul><p>The Office of Website Management, Bureau of Public Affairs, manages this site as a portal for information from the U.S. State Department.</p></div>"""


def state_mobile_chrome(main: str) -> str:
    return f"""<div class="m-header"><a href="/"><img alt="U.S. Department of State" src="/m/logo.png"></a><a class="menu-toggle" href="#menu">Menu</a></div>
<div id="menu" class="m-menu"><a href="/m/press">Press</a> <a href="/m/travel">Travel</a> <a href="/m/careers">Careers</a></div>
<div class="m-content">{main}</div>
<div class="m-footer"><a href="http://www.state.gov/j/prm/jpo_ae/index.htm?nomobile=1">Full Site</a> | <a href="#top">Back to Top</a><p>Do you already have an account on one of these sites? Click the logo to sign in and create your own customized State Department page.</p></div>"""


def uncareers_chrome(main: str, title: str) -> str:
    return f"""<app-root><div class="cookie-consent" role="dialog" aria-label="cookieconsent"><span class="cc-message">This website uses cookies to ensure you get the best experience on our website.</span> <a class="cc-link" href="/privacy">Learn more</a><a class="cc-btn cc-dismiss" role="button">Got it!</a></div>
<app-header><header class="un-header"><a href="/" class="un-logo">United Nations Careers</a><nav class="navbar" role="navigation"><a href="/jobSearch">Job Search</a> <a href="/careers">Career Opportunities</a> <a href="/ypp">Young Professionals Programme</a> <a href="/faq">FAQ</a></nav>
<div class="lang"><a>English</a> <a>Français</a></div></header></app-header>
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/jobSearch">Job Search</a></li><li class="breadcrumb-item active">{e(title)}</li></ol></nav>
<div class="container job-description">
<div class="apply-bar"><a class="btn btn-primary" href="https://inspira.un.org/apply">Apply Now</a> <a class="btn" href="#">Share</a> <a class="btn" href="javascript:window.print()">Print</a></div>
{main}
</div>
<app-footer><footer><div class="footer-links"><a href="/contact">Contact us</a> | <a href="/privacy">Privacy notice</a> | <a href="/fraud">Fraud alert</a> | <a href="/terms">Terms of use</a></div><p>Copyright United Nations</p></footer></app-footer></app-root>"""


def oracle_chrome(main: str) -> str:
    return f"""<div class="cookie-consent-banner" id="ccb"><div class="cookie-consent-banner__text">We use cookies to improve your experience on our site. By continuing to use this site you consent to the use of cookies as described in our cookie policy.</div><button class="cookie-consent-banner__accept">Accept</button><button>Decline</button></div>
<header class="app-header"><div class="app-header__logo">UNDP Careers</div><nav class="app-header__nav"><a href="/jobs">Search Jobs</a> <a href="/jobs/saved">My Saved Jobs</a></nav><a class="sign-in-link" href="/my-profile/sign-in">Sign In</a></header>
<div class="job-details"><a class="back-link" href="/jobs">Back to Jobs</a>
<div class="job-details__actions"><a class="button" href="/apply">Apply Now</a><button>Save</button><button class="share">Share</button></div>
{main}
</div>
<div class="similar-jobs"><h2>Similar Jobs</h2><ul><li><a href="#">Programme Analyst</a> Nairobi, Kenya</li><li><a href="#">Climate Finance Specialist</a> Addis Ababa, Ethiopia</li><li><a href="#">Energy Specialist</a> Home-based</li></ul></div>
<footer class="app-footer"><p>© 2026 United Nations Development Programme</p><p>Powered by Oracle Recruiting Cloud</p></footer>"""


def avature_chrome(main: str, title: str) -> str:
    return f"""{COOKIEBOT}
<header class="header"><a class="header__logo" href="/careersmarketplace">UNOPS Careers</a>
<nav class="menu" aria-label="Main menu"><ul><li><a href="/careersmarketplace/SearchJobs">Search jobs</a></li><li><a href="/careersmarketplace/WhyUNOPS">Why UNOPS</a></li><li><a href="/careersmarketplace/Login">Log in</a></li><li><a href="/careersmarketplace/Register">Register</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/careersmarketplace">Home</a> / <a href="/careersmarketplace/SearchJobs">Search jobs</a> / <span>{e(title)}</span></div>
<main id="main"><section class="section section--job-detail"><div class="section__content">
<div class="article__header__actions"><a class="button button--primary" href="/careersmarketplace/ApplicationMethods">Apply now</a></div>
{main}
<div class="social-share"><span>Share this job</span> <a href="#">Email</a> <a href="#">LinkedIn</a> <a href="#">Facebook</a></div>
</div></section>
<section class="section section--related"><h3>Other jobs you may be interested in</h3><article class="article article--result"><h3><a class="link" href="#">Project Manager</a></h3><span>Copenhagen, Denmark</span></article><article class="article article--result"><h3><a class="link" href="#">Finance Associate</a></h3><span>Kyiv, Ukraine</span></article></section></main>
<footer class="footer"><p>© UNOPS 2026</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>"""


def reliefweb_chrome(main: str) -> str:
    return f"""<a href="#main-content" class="skip-link">Skip to main content</a>
<header class="rw-header"><div class="rw-ocha-services">A service provided by OCHA</div><a class="rw-logo" href="/">ReliefWeb</a>
<nav class="rw-main-navigation" aria-label="Main navigation"><ul><li><a href="/updates">Updates</a></li><li><a href="/countries">Countries</a></li><li><a href="/disasters">Disasters</a></li><li><a href="/organizations">Organizations</a></li><li><a href="/topics">Topics</a></li><li><a href="/jobs">Jobs</a></li><li><a href="/training">Training</a></li></ul></nav>
<a class="rw-user-menu" href="/user/login">Log in / Sign up</a></header>
<main id="main-content"><article class="rw-article rw-article--job">
{main}
</article>
<aside class="rw-article__sidebar"><section class="rw-share"><h2>Share</h2><a href="#">Share this on Facebook</a> <a href="#">Share this on X</a> <a href="#">Share this on LinkedIn</a></section>
<section class="rw-related"><h2>Related Content</h2><ul><li><a href="#">Kenya: Drought - 2022-2026</a></li><li><a href="#">Kenya: Floods - Mar 2026</a></li></ul></section></aside></main>
<footer class="rw-footer"><p>ReliefWeb's Terms &amp; Conditions. © 2026 all rights reserved.</p><ul><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/help">Help</a></li></ul></footer>"""


def untalent_chrome(main: str) -> str:
    return f"""{ONETRUST}
<div class="topbar"><a href="/">UN Talent</a><ul class="menu"><li><a href="/jobs">Jobs</a></li><li><a href="/blog">Blog</a></li><li><a href="/newsletter">Newsletter</a></li><li><a href="/login">Login</a></li></ul></div>
<div class="wrapper"><div class="job-page">{main}
<div class="apply-box"><a class="apply" href="#">Apply now</a> <a class="alert" href="/newsletter">Get job alerts</a></div></div>
<div class="sidebar"><h4>Similar jobs</h4><ul><li><a href="#">Administrative Assistant - Geneva</a></li><li><a href="#">Programme Assistant - Vienna</a></li></ul><div class="promo"><h4>Land your dream UN job</h4><p>Download our free guide to the UN application process.</p></div></div></div>
<div class="footer">UN Talent is not affiliated with the United Nations. © 2026 UN Talent. <a href="/privacy">Privacy</a></div>"""


def complianz_board_chrome(main: str) -> str:
    """A WordPress careers site: Complianz and TrustArc-style consent, a menu without <nav>,
    a text breadcrumb, job actions, print/email links and a footer that is a div."""
    return f"""<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner banner-1 optin cmplz-bottom-right" aria-modal="true" data-nosnippet="true" role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin" aria-describedby="cmplz-message-1-optin">
<div class="cmplz-header"><div class="cmplz-title" id="cmplz-header-1-optin">Manage Cookie Consent</div></div>
<div class="cmplz-body"><div class="cmplz-message" id="cmplz-message-1-optin">To provide the best experiences, we use technologies like cookies to store and/or access device information. Consenting to these technologies will allow us to process data such as browsing behaviour.</div></div>
<div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">Accept</button><button class="cmplz-btn cmplz-deny">Deny</button><button class="cmplz-btn cmplz-view-preferences">View preferences</button></div></div></div>
<div id="consent_blackbar"><div id="truste-consent-track"><div id="truste-consent-content"><p id="truste-consent-text">This website uses cookies and other tracking technologies to enhance your browsing experience. Manage your preferences at any time.</p><a id="truste-consent-button" href="#">Agree and Proceed</a></div></div></div>
<div class="site-branding"><a href="/"><img src="/logo.png" alt="Humanitarian Careers logo"></a> <span class="site-description">Jobs for people who help people</span></div>
<div id="main-menu" class="menu-main-container"><ul id="menu-main" class="menu"><li><a href="/">Home</a></li><li><a href="/jobs/">Vacancies</a></li><li><a href="/employers/">Employers</a></li><li><a href="/advice/">Career advice</a></li><li><a href="/contact/">Contact us</a></li></ul></div>
<div id="page" class="site"><div class="site-content">
<p class="crumbs">You are here: <a href="/">Home</a> » <a href="/jobs/">Vacancies</a> » Programme Assistant (Education)</p>
<div class="entry-content single-vacancy">
{main}
<div class="job-actions"><a class="btn btn-primary" href="#apply">Apply now</a> <a class="btn" href="/jobs/">Back to search results</a> <a class="btn" href="#">Save job</a></div>
<div class="print-email"><a href="javascript:window.print()">Print this page</a> | <a href="mailto:?subject=Vacancy">Email this page</a></div>
</div>
<div class="widget-area sidebar"><h3 class="widget-title">Latest vacancies</h3><ul><li><a href="/jobs/4411">Education Officer, Irbid</a></li><li><a href="/jobs/4410">WASH Engineer, Mafraq</a></li></ul></div>
</div></div>
<div id="footer"><div class="footer-widgets"><p>Humanitarian Careers is an independent job board. © 2026 Humanitarian Careers. All rights reserved.</p><p><a href="/privacy/">Privacy policy</a> · <a href="/terms/">Terms of use</a> · <a href="/cookies/">Cookie policy</a></p></div></div>"""


def didomi_portal_chrome(main: str) -> str:
    """An organisation's own careers portal: Didomi consent, a menu in divs, a print banner,
    a login prompt before applying, "Report this job" and "Other jobs" boxes."""
    return f"""<div id="didomi-host" data-nosnippet="true"><div class="didomi-popup-backdrop didomi-notice-popup"><div class="didomi-popup-container"><div class="didomi-popup-notice-text">We and our partners use cookies to store and access personal data on your device, such as browsing data. Click "Agree" to consent or "Learn more" to set your preferences.</div><button id="didomi-notice-agree-button">Agree</button><button id="didomi-notice-learn-more-button">Learn more</button></div></div></div>
<div class="print-only-banner"><img src="/img/print-header.png" alt="printable banner"></div>
<div id="navigation"><div class="logo">WFP Careers</div><ul><li><a href="/">Home</a></li><li><a href="/working-at-wfp">Working at WFP</a></li><li><a href="/vacancies">Vacancies</a></li><li><a href="/faq">FAQ</a></li></ul><div class="account"><a href="/login">Sign in</a></div></div>
<div id="content-wrapper"><div class="vacancy-header">{main[0]}</div>
<div class="vacancy-body">{main[1]}</div>
<div class="sign-in-required"><p>Sign in to view the full application form and apply.</p><p>Don't have an account? <a href="/register">Register</a></p></div>
<div class="vacancy-tools"><a href="#report" class="report-job">Report this job</a> <a href="#" class="share-link">Share this job</a></div>
<div class="other-jobs"><h3>Other jobs you may be interested in</h3><ul><li><a href="/vacancies/8812">Logistics Officer, Juba</a></li><li><a href="/vacancies/8813">Programme Policy Officer, Wau</a></li></ul></div></div>
<div class="page-footer"><p>World Food Programme, Via Cesare Giulio Viola 68, Rome, Italy</p><ul><li><a href="/privacy">Privacy</a></li><li><a href="/fraud">Fraud warning</a></li></ul></div>"""


# --- written postings (after the real sites) ------------------------------------------------

PROGRAMME_OFFICER = [
    ("h2", "Org. Setting and Reporting"),
    (
        "p",
        "This position is located in the Programme Management Division of the United Nations Climate Change secretariat in Bonn. The Programme Officer reports to the Team Lead for Project Preparation and works with Parties, multilateral development banks and the operating entities of the financial mechanism.",
    ),
    ("h2", "Responsibilities"),
    (
        "p",
        "Within delegated authority, the Programme Officer will be responsible for the following duties:",
    ),
    (
        "ul",
        [
            "Develops and maintains a pipeline of climate finance project proposals with national designated authorities.",
            "Coordinates partnership agreements and prepares briefing notes, talking points and reports for senior management.",
            "Organizes expert meetings, regional workshops and capacity-building events.",
            "Monitors the implementation of partnership work plans and reports on results against indicators.",
            "Performs other related duties as required.",
        ],
    ),
    ("h2", "Competencies"),
    (
        "p",
        "Professionalism: Knowledge of climate finance and project preparation; ability to identify issues, analyse and participate in the resolution of issues. Shows pride in work and in achievements.",
    ),
    (
        "p",
        "Planning and Organizing: Develops clear goals that are consistent with agreed strategies; identifies priority activities and assignments; adjusts priorities as required.",
    ),
    ("h2", "Education"),
    (
        "p",
        "Advanced university degree (Master's degree or equivalent) in environmental science, economics, international relations or a related field. A first-level university degree in combination with two additional years of qualifying experience may be accepted in lieu of the advanced university degree.",
    ),
    ("h2", "Work Experience"),
    (
        "ul",
        [
            "A minimum of five years of progressively responsible experience in programme management, partnerships or climate finance is required.",
            "Experience working with developing country governments on project preparation is desirable.",
        ],
    ),
    ("h2", "Languages"),
    (
        "p",
        "English and French are the working languages of the United Nations Secretariat. For this position, fluency in English is required. Knowledge of another official United Nations language is desirable.",
    ),
    ("h2", "Special Notice"),
    (
        "p",
        "Appointment against this post is on a fixed-term basis for an initial period of one year. Staff members are subject to the authority of the Secretary-General and to assignment by him or her.",
    ),
]

UNDP_ANALYST = [
    ("h2", "Background"),
    (
        "p",
        "UNDP is the knowledge frontline organization for sustainable development in the UN Development System and serves as the integrator for collective action to realize the Sustainable Development Goals. In Kenya, UNDP supports county governments to plan, finance and deliver climate-resilient services.",
    ),
    (
        "p",
        "The Climate Finance Analyst will work under the guidance of the Team Leader, Environment and Resilience, and will help the country office mobilise and manage climate finance from vertical funds.",
    ),
    ("h2", "Duties and Responsibilities"),
    (
        "ol",
        [
            "Provide technical support to the formulation of funding proposals to the Green Climate Fund and the Global Environment Facility.",
            "Track disbursements, co-financing and results of the climate finance portfolio and prepare quarterly updates.",
            "Support partnerships with county governments, development partners and the private sector.",
            "Contribute to knowledge products, lessons learned and South-South exchanges.",
        ],
    ),
    ("h2", "Required Skills and Experience"),
    (
        "table",
        [
            [
                "Education",
                "Master's degree in economics, finance, environmental management or a related field",
            ],
            [
                "Experience",
                "Minimum 2 years (with Master's) of relevant experience in climate finance or development programmes",
            ],
            [
                "Languages",
                "Fluency in English is required; working knowledge of Kiswahili is an asset",
            ],
        ],
    ),
    ("h2", "Disclaimer"),
    (
        "p",
        "Applicant information about UNDP rosters: UNDP reserves the right to select one or more candidates from this vacancy announcement. We may also retain applications and consider candidates applying to this post for other similar positions.",
    ),
    (
        "p",
        "Scam warning: The United Nations does not charge any application, processing, training, interviewing, testing or other fee in connection with the application or recruitment process.",
    ),
]

UNOPS_PM = [
    ("h2", "Background Information - UNOPS"),
    (
        "p",
        "UNOPS is an operational arm of the United Nations, supporting the successful implementation of its partners' peacebuilding, humanitarian and development projects around the world. Our mission is to help people build better lives and help countries achieve sustainable development.",
    ),
    ("h2", "Background Information - Job-specific"),
    (
        "p",
        "The UNOPS Ukraine Multi-Country Office implements infrastructure, procurement and project management services for the Government of Ukraine and its partners, with a focus on the recovery of energy and health infrastructure.",
    ),
    ("h2", "Functional Responsibilities"),
    (
        "p",
        "Under the supervision of the Head of Programme, the Project Manager will be responsible for:",
    ),
    (
        "ul",
        [
            "Planning and directing the project, including its scope, schedule, budget and quality plans.",
            "Managing the project team and consultants and ensuring the health and safety of workers on site.",
            "Reporting progress to the partner and the project board, including risks and issues.",
            "Ensuring that lessons learned are recorded and shared across the portfolio.",
        ],
    ),
    ("h2", "Education/Experience/Language requirements"),
    (
        "ul",
        [
            "Advanced university degree (Master's or equivalent) in engineering, project management or a related field.",
            "A minimum of seven years of relevant experience in managing infrastructure projects, of which two years in post-conflict settings.",
            "Fluency in English is required; knowledge of Ukrainian or Russian is an asset.",
        ],
    ),
    ("h2", "Contract type, level and duration"),
    (
        "table",
        [
            ["Contract type", "International Individual Contractor Agreement"],
            ["Contract level", "ICS 11 (IICA 3)"],
            [
                "Contract duration",
                "Open-ended, subject to organizational requirements, availability of funds and satisfactory performance",
            ],
        ],
    ),
]

RELIEFWEB_JOB = [
    ("h2", "About the organization"),
    (
        "p",
        "Kenya Red Cross Society partners with communities in arid and semi-arid counties to reduce the impact of drought, floods and disease outbreaks through early warning, cash assistance and community health programmes.",
    ),
    ("h2", "Job Purpose"),
    (
        "p",
        "The Monitoring, Evaluation, Accountability and Learning Officer will lead data collection, analysis and reporting for the drought resilience programme in Marsabit and Isiolo counties.",
    ),
    ("h2", "Key Responsibilities"),
    (
        "ul",
        [
            "Design monitoring tools, indicator tracking tables and data collection plans with the programme team.",
            "Train enumerators and volunteers on mobile data collection and data protection.",
            "Analyse programme data and produce monthly dashboards and quarterly reports.",
            "Manage the community feedback and complaints mechanism and follow up on every complaint.",
            "Coordinate baseline, midline and endline surveys with external evaluators.",
        ],
    ),
    ("h2", "Qualifications"),
    (
        "ul",
        [
            "Bachelor's degree in statistics, social sciences, development studies or a related field.",
            "At least three years of experience in monitoring and evaluation of humanitarian programmes.",
            "Proficiency with KoboToolbox, Excel and Power BI or similar tools.",
        ],
    ),
    ("h2", "How to apply"),
    (
        "p",
        "Interested candidates should submit a cover letter and a detailed CV through the Kenya Red Cross careers portal, quoting the job reference KRCS/MEAL/2026/14 in the subject line. Only shortlisted candidates will be contacted.",
    ),
]

UNICEF_CONSULTANT = [
    (
        "p",
        "UNICEF works in over 190 countries and territories to save children's lives, defend their rights, and help them fulfill their potential, from early childhood through adolescence.",
    ),
    ("h2", "Purpose of Activity/Assignment"),
    (
        "p",
        "The National Response Italy supports refugee and migrant children and young people arriving in Italy. The Youth Digital Mobilizer will engage young people on digital platforms, collect their views through U-Report on the Move and help turn them into programme recommendations.",
    ),
    ("h2", "Scope of Work"),
    (
        "ol",
        [
            "Moderate U-Report on the Move channels and answer questions from young users within 48 hours.",
            "Design and run four online consultations with young migrants and refugees.",
            "Produce a monthly summary of youth feedback for the programme team.",
            "Organize two in-person youth engagement events in Rome.",
        ],
    ),
    ("h2", "Deliverables"),
    (
        "table",
        [
            ["Deliverable", "Timeline", "Payment"],
            ["Workplan and engagement strategy", "2 weeks", "10%"],
            ["Monthly youth feedback summaries", "Monthly", "60%"],
            ["Final report with recommendations", "6.5 months", "30%"],
        ],
    ),
    ("h2", "Qualifications"),
    (
        "ul",
        [
            "Bachelor's degree in communication, social sciences or a related field.",
            "At least one year of experience in youth engagement or digital communication.",
            "Fluency in Italian and English; knowledge of Arabic, French or Tigrinya is an asset.",
        ],
    ),
    (
        "p",
        "Please submit a financial proposal with your application. Consultants are responsible for their own insurance.",
    ),
]

WORKDAY_GS = [
    (
        "fields",
        [
            ("Hardship Level", "A"),
            ("Family Type", "Family"),
            ("Residential location (if applicable)", ""),
            ("Grade", "GS6"),
            ("Staff Member / Affiliate Type", "National Staff"),
            ("Reason", "Regular > Regular Assignment"),
            ("Remote work accepted", "No"),
            ("Target Start Date", "2026-11-01"),
            ("Deadline for Applications", "October 15, 2026"),
        ],
    ),
    ("h2", "Terms of Reference"),
    (
        "p",
        "The Senior Registration Assistant is a member of the registration and identity management team in Tapachula and is supervised by the Associate Registration Officer. The incumbent coordinates daily registration activities and supervises registration clerks.",
    ),
    ("h2", "Duties"),
    (
        "ul",
        [
            "Coordinate registration interviews and ensure that all registration data in proGres is accurate and up to date.",
            "Supervise and coach registration clerks and interpreters.",
            "Identify persons with specific needs and refer them to protection colleagues.",
            "Prepare weekly statistics and reports on registration activities.",
            "Perform other related duties as required.",
        ],
    ),
    ("h2", "Minimum Qualifications"),
    (
        "table",
        [
            [
                "Years of Experience / Degree Level",
                "For G6 - 6 years relevant experience with High School Diploma; or 5 years relevant work experience with Bachelor or equivalent or higher",
            ],
            [
                "Field(s) of Education",
                "Law, Social Sciences, Information Management or other relevant field",
            ],
            ["Language Requirements", "Spanish and English are essential"],
        ],
    ),
    ("h2", "Other information"),
    (
        "p",
        "This position doesn't require a functional clearance. Only shortlisted candidates will be notified.",
    ),
]

UNTALENT_JOB = [
    (
        "p",
        "The United Nations Office on Drugs and Crime (UNODC) is looking for an Administrative Assistant to support the Division for Operations in Vienna.",
    ),
    ("h2", "Responsibilities"),
    (
        "ul",
        [
            "Maintains the division's calendar, travel plans and meeting arrangements.",
            "Drafts routine correspondence and prepares presentations and reports.",
            "Monitors budget implementation and processes procurement requests in Umoja.",
            "Keeps filing systems and records up to date.",
        ],
    ),
    ("h2", "Requirements"),
    (
        "ul",
        [
            "High school diploma or equivalent.",
            "At least seven years of progressively responsible experience in administration.",
            "Fluency in English; knowledge of German is an asset.",
        ],
    ),
    (
        "p",
        "This is a G-5 contract. This kind of contract is known as General Service Staff Position. Locally recruited staff, salary paid in local currency.",
    ),
]


EDUCATION_ASSISTANT = [
    ("h2", "Background"),
    (
        "p",
        "The education programme supports refugee and host-community children in northern Jordan through remedial classes, teacher training and school rehabilitation. The Programme Assistant supports the Education Officer in Irbid.",
    ),
    ("h2", "Main duties"),
    (
        "ul",
        [
            "Collect attendance and learning-outcome data from partner schools every month.",
            "Organise teacher-training sessions and keep their records.",
            "Draft activity reports and partner correspondence in Arabic and English.",
            "Follow up on school rehabilitation works with engineers.",
        ],
    ),
    ("h2", "Profile"),
    (
        "ul",
        [
            "University degree in education, social sciences or a related field.",
            "Two years of experience in education programmes.",
            "Fluent Arabic and good English.",
        ],
    ),
]

FOOD_MONITOR = [
    ("h2", "Organizational context"),
    (
        "p",
        "WFP is scaling up food assistance in South Sudan. Field Monitors visit distribution sites and markets, talk to the people WFP serves and report what they see so that the programme can be corrected in time.",
    ),
    ("h2", "Key accountabilities"),
    (
        "ul",
        [
            "Visit food distribution sites and markets according to the monitoring plan.",
            "Interview beneficiaries, traders and community leaders with mobile questionnaires.",
            "Report protection and accountability issues to the Field Office without delay.",
        ],
    ),
    ("h2", "Minimum qualifications"),
    (
        "p",
        "Secondary school certificate and three years of experience in field monitoring or data collection. Fluency in English and Juba Arabic.",
    ),
]


# --- the corpus --------------------------------------------------------------------------


def build(seeds: Path) -> list[dict[str, Any]]:
    s = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))}
    out: list[dict[str, Any]] = []

    def add(
        page_id: str,
        source: str,
        url: str,
        html_text: str,
        blocks: list[Block],
        with_: list[str],
        without: list[str],
        fields: dict[str, Any],
        note: str,
    ) -> None:
        out.append(
            {
                "id": page_id,
                "html": html_text,
                "truth": {
                    "schema_version": "2.0",
                    "file_id": page_id,
                    "url": url,
                    "source": source,
                    "note": note,
                    "ground_truth": {
                        "main_content": truth_text(blocks),
                        "with": with_,
                        "without": without,
                    },
                    "fields": fields,
                },
            }
        )

    # 01 Impactpool, closed posting (seed 000)
    body = between(s["000"], "This vacancy is opened")
    blocks: list[Block] = [("h1", "Associate Protection Officer"), ("raw", ""), *seed_blocks(body)]
    fields_html = """<ul class="job-info"><li><strong>Organization:</strong> UNHCR - United Nations High Commissioner for Refugees</li>
<li><strong>Location:</strong> Tapachula</li><li><strong>Grade:</strong> Junior level - P-2, International Professional - Internationally recruited position</li>
<li><strong>Occupational Groups:</strong><ul><li>Protection Officer (Refugee)</li></ul></li><li><strong>Closing Date:</strong> Closed</li></ul>"""
    truth_fields = (
        "truth",
        "- Organization: UNHCR - United Nations High Commissioner for Refugees\n- Location: Tapachula\n- Grade: Junior level - P-2, International Professional - Internationally recruited position\n- Occupational Groups:\n  - Protection Officer (Refugee)\n- Closing Date: Closed",
    )
    blocks[1] = ("raw", fields_html)
    main = render_blocks(blocks)
    add(
        "impactpool-closed",
        "impactpool",
        "https://www.impactpool.org/jobs/803641",
        page(
            "<title>Associate Protection Officer | Impactpool</title>",
            impactpool_chrome(main, login=False),
        ),
        [blocks[0], truth_fields, *blocks[2:]],
        [
            "Associate Protection Officer",
            "Closing Date: Closed",
            "Perform other related duties as required.",
            "Client & Result Orientation",
            "Orientation to IPSAS",
            "This vacancy is now closed.",
            "Sunday 22 May 2022 (midnight Geneva time)",
            "Protection Officer (Refugee)",
        ],
        [
            "By continuing to browse this site",
            "Read our privacy policy",
            "Share this job",
            "Similar jobs",
            "Senior Protection Officer, Geneva",
            "Create job alert",
            "Impactpool AB",
        ],
        {
            "organization": "UNHCR - United Nations High Commissioner for Refugees",
            "location": "Tapachula",
            "grade": "P-2",
            "closing_date": None,
            "status": "closed",
        },
        "Impactpool template with its own cookie bar (seed 000 text).",
    )

    # 02 Impactpool, open posting with a login prompt, ISO closing date
    fields_html = """<p class="job-city">Bonn</p><ul class="job-info"><li><strong>Organization:</strong> UN - United Nations</li>
<li><strong>Location:</strong> Bonn</li><li><strong>Grade:</strong> Mid level - P-3, International Professional - Internationally recruited position</li>
<li><strong>Occupational Groups:</strong><ul><li>External Relations, Partnerships and Resource mobilization</li><li>Project and Programme Management</li></ul></li>
<li><strong>Closing Date:</strong> 2025-11-30</li></ul><h2>Job Description</h2>"""
    truth_head = (
        "truth",
        "Bonn\n\n- Organization: UN - United Nations\n- Location: Bonn\n- Grade: Mid level - P-3, International Professional - Internationally recruited position\n- Occupational Groups:\n  - External Relations, Partnerships and Resource mobilization\n  - Project and Programme Management\n- Closing Date: 2025-11-30\n\nJob Description",
    )
    blocks = [
        ("h1", "Programme Officer (Project Preparation and Partnerships)"),
        ("raw", fields_html),
        *PROGRAMME_OFFICER,
    ]
    add(
        "impactpool-open",
        "impactpool",
        "https://www.impactpool.org/jobs/1184046",
        page(
            "<title>Programme Officer (Project Preparation and Partnerships) | Impactpool</title>",
            impactpool_chrome(render_blocks(blocks), login=True),
        ),
        [blocks[0], truth_head, *PROGRAMME_OFFICER],
        [
            "Programme Officer (Project Preparation and Partnerships)",
            "Closing Date: 2025-11-30",
            "Performs other related duties as required.",
            "Project and Programme Management",
            "Experience working with developing country governments on project preparation is desirable.",
        ],
        [
            "Sign in to see the full job details",
            "Create a free account",
            "Share this job",
            "Similar jobs",
            "By continuing to browse this site",
            "Log in",
        ],
        {
            "organization": "UN - United Nations",
            "location": "Bonn",
            "grade": "P-3",
            "closing_date": "2025-11-30",
            "status": "open",
        },
        "Impactpool, newer template, login prompt under the posting.",
    )

    # 03 old UNHCR vacancy page (seed 001)
    body = between(s["001"], "Organizational Context")
    head_table = [
        ("Job Title", "Protection Assistant (Case Management)"),
        ("Vacancy Notice", "VN-99-19-MEX"),
        ("Position Number", "99-19"),
        ("Location", "Ciudad de Mexico"),
        ("Position Grade", "LICA 4"),
        ("Closing Date", "2019-08-18"),
    ]
    blocks = [("fields", head_table), *seed_blocks(body)]
    add(
        "unhcr-old-vacancy",
        "unhcr",
        "http://www.unhcr.org/mx/vacancies/VN-99-19-MEX.html",
        page(
            "<title>UNHCR - Vacancy VN-99-19-MEX</title>",
            unhcr_old_chrome(render_blocks(blocks, "table")),
        ),
        [("fields", head_table), *blocks[1:]],
        [
            "Protection Assistant (Case Management)",
            "Position Grade",
            "LICA 4",
            "2019-08-18",
            "Enforce integrity in the delivery of protection services by local implementing partners.",
            "Number of visits to immigration detention centres",
            "Desirable Qualifications & Competencies",
            "Willingness to travel over long period of time and upon short notice is expected.",
        ],
        [
            "Report Problem",
            "Print this page",
            "Email this page",
            "Terms of use",
            "The UN Refugee Agency",
        ],
        {
            "title": "Protection Assistant (Case Management)",
            "location": "Ciudad de Mexico",
            "grade": "LICA 4",
            "closing_date": "2019-08-18",
            "job_number": "VN-99-19-MEX",
        },
        "Old UNHCR vacancy page: table layout, header fields in a table (seed 001).",
    )

    # 04 JSON-LD board that renders schema.org values raw (seed 002)
    s002 = s["002"]
    body = between(s002, "JOB DESCRIPTION")
    title = "Protection Assistant – Mexico City"
    pairs = [
        ("Location", ""),
        ("Salary", "negotiable / YEAR"),
        ("Job type", "FULL_TIME"),
        ("Posted", "4 hours ago"),
        ("Category", "Peace and Security"),
        ("Deadline", "14/10/2024"),
    ]
    meta = (
        "<ul class='job-listing-meta'>"
        + "".join(
            f"<li><span class='label'>{k}:</span><div class='value'>{e(v)}</div></li>"
            for k, v in pairs
        )
        + "</ul>"
    )
    blocks = [("h1", title), ("raw", meta), *seed_blocks(body)]
    ld = jsonld(
        {
            "@context": "https://schema.org/",
            "@type": "JobPosting",
            "title": title,
            "datePosted": "2024-10-07",
            "validThrough": "2024-10-14T23:59:00-06:00",
            "employmentType": "FULL_TIME",
            "hiringOrganization": {"@type": "Organization", "name": "UNHCR"},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Mexico City",
                    "addressCountry": "MX",
                },
            },
            "baseSalary": {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {"@type": "QuantitativeValue", "value": "negotiable", "unitText": "YEAR"},
            },
            "description": "<p>Protection Assistant in Mexico City.</p>",
        }
    )
    truth_meta = (
        "truth",
        "- Location:\n- Salary: negotiable / YEAR\n- Job type: FULL_TIME\n- Posted: 4 hours ago\n- Category: Peace and Security\n- Deadline: 14/10/2024",
    )
    add(
        "jsonld-board",
        "generic",
        "https://unjobsdaily.example.org/job/protection-assistant-mexico-city/",
        page(
            f"<title>{e(title)} – UN Jobs Daily</title>\n{ld}",
            wordpress_board_chrome(render_blocks(blocks), title),
        ),
        [blocks[0], truth_meta, *blocks[2:]],
        [
            title,
            "14/10/2024",
            "Deadline for Applications",
            "October 13, 2024",
            "Client & Result Orientation",
            "MS Office excellent knowledge and management.",
            "This position doesn’t require a functional clearance",
        ],
        [
            "Report Problem",
            "Share this job",
            "Related Jobs",
            "Proudly powered by WordPress",
            "This site uses cookies",
            "Get new vacancies by email",
            "Registration Assistant – Tapachula",
            "Browse jobs",
        ],
        {
            "title": title,
            "organization": "UNHCR",
            "contract_type": "Full-time",
            "closing_date": "2024-10-14",
            "location": "Mexico City",
        },
        "Job board rendering schema.org JobPosting values raw (seed 002), WordPress chrome, JSON-LD.",
    )

    # 05 UNHCR on Workday, rendered page (seed 002 description part)
    wd_blocks = seed_blocks(body)
    ld = jsonld(
        {
            "@context": "http://schema.org",
            "@type": "JobPosting",
            "title": "Protection Assistant",
            "datePosted": "2024-09-30",
            "employmentType": "FULL_TIME",
            "hiringOrganization": {"@type": "Organization", "name": "UNHCR"},
            "identifier": {"@type": "PropertyValue", "name": "JR2412345"},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Ciudad Juarez",
                    "addressCountry": "Mexico",
                },
            },
        }
    )
    details = (
        "<div data-automation-id='jobPostingHeader'><h2>Protection Assistant</h2></div>"
        "<dl data-automation-id='job-posting-details'><dt>locations</dt><dd>Ciudad Juarez</dd>"
        "<dt>time type</dt><dd>Full time</dd><dt>posted on</dt><dd>Posted 4 Days Ago</dd>"
        "<dt>job requisition id</dt><dd>JR2412345</dd></dl>"
    )
    main = (
        details
        + "<div data-automation-id='jobPostingDescription'>"
        + render_blocks(wd_blocks)
        + "</div>"
    )
    add(
        "unhcr-workday-la",
        "unhcr",
        "https://unhcr.wd3.myworkdayjobs.com/en-US/External/job/Ciudad-Juarez/Protection-Assistant_JR2412345",
        page(f"<title>Protection Assistant</title>\n{ld}", workday_chrome(main)),
        [
            ("h2", "Protection Assistant"),
            (
                "truth",
                "locations\nCiudad Juarez\ntime type\nFull time\nposted on\nPosted 4 Days Ago\njob requisition id\nJR2412345",
            ),
            *wd_blocks,
        ],
        [
            "Protection Assistant",
            "Deadline for Applications",
            "October 13, 2024",
            "UNOPS LICA4",
            "Perform other related tasks as may be required or assigned by the supervisor.",
            "Demonstrated ability to work with little guidance.",
        ],
        [
            "This website uses cookies",
            "Allow all",
            "Sign In",
            "Search for Jobs",
            "Similar Jobs",
            "Senior Protection Assistant",
            "Workday, Inc.",
        ],
        {
            "organization": "UNHCR",
            "closing_date": "2024-10-13",
            "contract_type": "UNOPS LICA4",
            "job_number": "JR2412345",
        },
        "UNHCR on Workday as rendered HTML: Cookiebot, Apply buttons, similar jobs; the description carries labelled fields.",
    )

    # 06 UNHCR on Workday, GS posting
    ld = jsonld(
        {
            "@context": "http://schema.org",
            "@type": "JobPosting",
            "title": "Senior Registration Assistant",
            "datePosted": "2026-09-28",
            "employmentType": "FULL_TIME",
            "hiringOrganization": {"@type": "Organization", "name": "UNHCR"},
            "identifier": {"@type": "PropertyValue", "name": "JR2609876"},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Tapachula",
                    "addressCountry": "Mexico",
                },
            },
        }
    )
    details = (
        "<div data-automation-id='jobPostingHeader'><h2>Senior Registration Assistant</h2></div>"
        "<ul data-automation-id='job-posting-details'><li>Tapachula</li><li>Full time</li><li>Posted 2 Days Ago</li><li>JR2609876</li></ul>"
    )
    gs_blocks: list[Block] = [("h2", "Senior Registration Assistant")]
    main = (
        details
        + "<div data-automation-id='jobPostingDescription'>"
        + render_blocks(WORKDAY_GS, "dl")
        + "</div>"
    )
    add(
        "unhcr-workday-gs",
        "unhcr",
        "https://unhcr.wd3.myworkdayjobs.com/en-US/External/job/Tapachula/Senior-Registration-Assistant_JR2609876",
        page(f"<title>Senior Registration Assistant</title>\n{ld}", workday_chrome(main)),
        [
            *gs_blocks,
            ("ul", ["Tapachula", "Full time", "Posted 2 Days Ago", "JR2609876"]),
            *WORKDAY_GS,
        ],
        [
            "Senior Registration Assistant",
            "GS6",
            "October 15, 2026",
            "Perform other related duties as required.",
            "Spanish and English are essential",
            "Supervise and coach registration clerks and interpreters.",
        ],
        ["This website uses cookies", "Allow all", "Sign In", "Similar Jobs", "Workday, Inc."],
        {
            "organization": "UNHCR",
            "grade": "G-6",
            "closing_date": "2026-10-15",
            "location": "Tapachula",
        },
        "UNHCR Workday page, description fields as a dl.",
    )

    # 07 UNICEF PageUp (seed 003)
    s003 = s["003"]
    body = between(s003, "UNICEF works in over 190", "Advertised:")
    title = "Child Protection Officer (Children on the Move), (NO-1), Mexico City, Mexico, #131411, [Temp Appointment]"
    pairs = [
        ("Job no", "577857"),
        ("Contract type", "Temporary Appointment"),
        ("Duty Station", "Mexico City"),
        ("Level", "NO-1"),
        ("Location", "Mexico"),
        ("Categories", "Child Protection"),
    ]
    fields_html = (
        "<p><a class='apply-link button' href='#apply'>Apply now</a> "
        + "".join(f"<b>{k}:</b> {e(v)}<br>" for k, v in pairs)
        + "</p>"
    )
    dates_html = (
        "<p><b>Advertised:</b> <span class='open-date'><time datetime='2024-11-26T06:00:00Z'>26 Nov 2024</time></span> Central Standard Time (Mexico)<br>"
        "<b>Deadline:</b> <span class='close-date'><time datetime='2024-12-11T05:55:00Z'>10 Dec 2024</time></span> Central Standard Time (Mexico)</p>"
    )
    b = seed_blocks(body)
    blocks = [
        ("h2", title),
        ("raw", fields_html),
        ("raw", "<div id='job-details'>" + render_blocks(b) + "</div>"),
        ("raw", dates_html),
    ]
    add(
        "unicef-pageup",
        "unicef",
        "https://jobs.unicef.org/en-us/job/577857/child-protection-officer-children-on-the-move-no-1-mexico-city-mexico-131411-temp-appointment",
        page(
            "<title>Vacancies</title><meta property='og:title' content='Vacancies'>",
            pageup_chrome(render_blocks(blocks)),
        ),
        [
            ("h2", title),
            ("fields", pairs),
            *b,
            (
                "truth",
                "Advertised: 26 Nov 2024 Central Standard Time (Mexico)\nDeadline: 10 Dec 2024 Central Standard Time (Mexico)",
            ),
        ],
        [
            "Child Protection Officer (Children on the Move)",
            "Job no: 577857",
            "Level: NO-1",
            "Innovates and embraces change",
            "Fluency in English.",
            "Experience working with UN agencies.",
            "Deadline: 10 Dec 2024",
        ],
        [
            "We value your privacy",
            "Accept All Cookies",
            "Cookie Settings",
            "Explore our current job opportunities",
            "Back to search results",
            "Powered by PageUp",
            "Talent pools",
        ],
        {
            "organization": "UNICEF",
            "location": "Mexico City",
            "country": "Mexico",
            "grade": "NO-1",
            "contract_type": "Temporary Appointment",
            "job_number": "577857",
            "closing_date": "2024-12-10",
            "posted_date": "2024-11-26",
        },
        "UNICEF on PageUp: OneTrust, filter form, Apply/Back links; dates as <time datetime> UTC instants (seed 003).",
    )

    # 08 UNICEF PageUp consultancy (written)
    title = "Youth Digital Mobilizer, Rome, Italy, National Response Italy, 6.5 months, remote work"
    pairs = [
        ("Job no", "593348"),
        ("Contract type", "Consultant"),
        ("Duty Station", "Rome"),
        ("Level", "Consultancy"),
        ("Location", "Italy"),
        ("Categories", "Adolescent Development"),
    ]
    fields_html = (
        "<p><a class='apply-link button' href='#apply'>Apply now</a> "
        + "".join(f"<b>{k}:</b> {e(v)}<br>" for k, v in pairs)
        + "</p>"
    )
    dates_html = (
        "<p><b>Advertised:</b> <span class='open-date'><time datetime='2026-05-26T07:00:00Z'>26 May 2026</time></span><br>"
        "<b>Deadline:</b> <span class='close-date'><time datetime='2026-06-09T21:55:00Z'>09 Jun 2026</time></span></p>"
    )
    blocks = [
        ("h2", title),
        ("raw", fields_html),
        ("raw", "<div id='job-details'>" + render_blocks(UNICEF_CONSULTANT) + "</div>"),
        ("raw", dates_html),
    ]
    add(
        "unicef-pageup-consultancy",
        "unicef",
        "https://jobs.unicef.org/en-us/job/593348/youth-digital-mobilizer",
        page("<title>Vacancies</title>", pageup_chrome(render_blocks(blocks))),
        [
            ("h2", title),
            ("fields", pairs),
            *UNICEF_CONSULTANT,
            ("truth", "Advertised: 26 May 2026\nDeadline: 09 Jun 2026"),
        ],
        [
            "Youth Digital Mobilizer",
            "Level: Consultancy",
            "Monthly youth feedback summaries",
            "Organize two in-person youth engagement events in Rome.",
            "Deadline: 09 Jun 2026",
        ],
        [
            "We value your privacy",
            "Accept All Cookies",
            "Back to search results",
            "Explore our current job opportunities",
            "Powered by PageUp",
        ],
        {
            "organization": "UNICEF",
            "location": "Rome",
            "country": "Italy",
            "grade": "Consultancy",
            "closing_date": "2026-06-09",
            "job_number": "593348",
        },
        "PageUp consultancy with a deliverables table.",
    )

    # 09 State Dept PRM JPO (seed 004)
    s004 = s["004"]
    body = between(s004, "Associate Protection Officer: Baku", "Back to Top")
    b = seed_blocks(body)
    add(
        "state-jpo",
        "state_jpo",
        "http://www.state.gov/j/prm/jpo_ae/224525.htm",
        page(
            "<title>Associate Protection Officer: Baku, Azerbaijan</title>",
            state_chrome(render_blocks(b)),
        ),
        b,
        [
            "Associate Protection Officer: Baku, Azerbaijan",
            "Application Deadline: April 29, 2014",
            "Political and organizational awareness (MC06)",
            "Formulate parts of COP and participate in strategy sessions.",
            "Baku is generally a safe city",
        ],
        [
            "printable banner",
            "Great Seal",
            "Diplomacy in Action",
            "Back to Top",
            "OpenID",
            "Do you already have an account",
            "Privacy Notice",
            "Funding Opportunities",
        ],
        {"closing_date": "2014-04-29", "location": "Baku, Azerbaijan", "country": "Azerbaijan"},
        "US State Dept PRM JPO page: printable banner, Great Seal, Back to Top, OpenID sign-in blurb (seed 004).",
    )

    # 10 State Dept mobile mirror (shorter JPO posting)
    short = [
        ("h1", "Associate Resettlement Officer: Beirut, Lebanon"),
        ("p", "March 3, 2014"),
        ("p", "Application Deadline: March 24, 2014"),
        (
            "p",
            "Applications must be emailed by 11:59 p.m. Eastern Daylight Time on the date indicated in order to be considered.",
        ),
        ("h2", "PRM Notes"),
        (
            "ul",
            [
                "PRM-sponsored JPO positions are open to U.S. Citizens only.",
                "JPO contracts are initially issued for one (1) year and then renewed.",
                "Strong working knowledge of Arabic or French is highly desirable.",
            ],
        ),
        ("h2", "Duties"),
        (
            "ol",
            [
                "Conduct resettlement interviews and prepare resettlement registration forms.",
                "Identify refugees with specific needs for resettlement consideration.",
                "Liaise with resettlement countries and the International Organization for Migration.",
            ],
        ),
        (
            "p",
            "Qualifications: University degree in law, political science or social sciences; two years of relevant experience.",
        ),
    ]
    add(
        "state-jpo-mobile",
        "state_jpo",
        "http://m.state.gov/md222817.htm",
        page(
            "<title>Associate Resettlement Officer: Beirut, Lebanon</title>",
            state_mobile_chrome(render_blocks(short)),
        ),
        short,
        [
            "Associate Resettlement Officer: Beirut, Lebanon",
            "Application Deadline: March 24, 2014",
            "Liaise with resettlement countries and the International Organization for Migration.",
        ],
        ["Full Site", "Back to Top", "Do you already have an account", "Menu"],
        {"closing_date": "2014-03-24"},
        "State Dept mobile mirror template.",
    )

    # 11 UN Careers job page
    title = "Programme Management Officer (Mental Health), P3"
    pairs = [
        ("Posting Title", "PROGRAMME MANAGEMENT OFFICER (MENTAL HEALTH), P3"),
        ("Job Code Title", "PROGRAMME MANAGEMENT OFFICER"),
        ("Department/Office", "Department of Management Strategy, Policy and Compliance"),
        ("Duty Station", "BONN"),
        ("Posting Period", "25 September 2026 - 09 October 2026"),
        ("Job Opening Number", "26-Programme Management-DMSPC-285431-R-BONN (X)"),
        ("Staffing Exercise", "N/A"),
        ("Level", "P-3"),
        ("Deadline", "10/09/2026 23:59:59 PM (New York time)"),
    ]
    items = "".join(
        f"<div class='jobPostingItem'><div class='jobPostingItemTitle'>{e(h)}</div><div class='jobPostingItemContent'>{render_blocks(c)}</div></div>"
        for h, c in [
            ("Org. Setting and Reporting", PROGRAMME_OFFICER[1:2]),
            ("Responsibilities", PROGRAMME_OFFICER[3:5]),
            ("Competencies", PROGRAMME_OFFICER[6:8]),
            ("Education", PROGRAMME_OFFICER[9:10]),
            ("Work Experience", PROGRAMME_OFFICER[11:12]),
            ("Languages", PROGRAMME_OFFICER[13:14]),
            ("Special Notice", PROGRAMME_OFFICER[15:16]),
        ]
    )
    main = (
        f"<h1 class='jobTitle'>{e(title)}</h1>"
        + render_fields(pairs, "dl")
        + f"<div class='jobPostingDetail'>{items}</div>"
    )
    un_truth: list[Block] = [("h1", title), ("fields", pairs)]
    for h, c in [
        ("Org. Setting and Reporting", PROGRAMME_OFFICER[1:2]),
        ("Responsibilities", PROGRAMME_OFFICER[3:5]),
        ("Competencies", PROGRAMME_OFFICER[6:8]),
        ("Education", PROGRAMME_OFFICER[9:10]),
        ("Work Experience", PROGRAMME_OFFICER[11:12]),
        ("Languages", PROGRAMME_OFFICER[13:14]),
        ("Special Notice", PROGRAMME_OFFICER[15:16]),
    ]:
        un_truth += [("h2", h), *c]
    add(
        "uncareers",
        "uncareers",
        "https://careers.un.org/jobSearchDescription/285431?language=en",
        page(f"<title>{e(title)} | Careers</title>", uncareers_chrome(main, title)),
        un_truth,
        [
            "Programme Management Officer (Mental Health), P3",
            "10/09/2026 23:59:59 PM (New York time)",
            "Performs other related duties as required.",
            "Special Notice",
            "Department of Management Strategy, Policy and Compliance",
        ],
        [
            "This website uses cookies",
            "Got it!",
            "Apply Now",
            "Young Professionals Programme",
            "Privacy notice",
            "Copyright United Nations",
            "Job Search",
        ],
        {
            "location": "BONN",
            "grade": "P-3",
            "closing_date": "2026-10-09",
            "organization": "United Nations",
        },
        "UN Careers (Angular) page: cookieconsent, breadcrumb, Apply/Share/Print bar; New York deadline.",
    )

    # 12 UNDP on Oracle Recruiting Cloud
    title = "Climate Finance Analyst"
    pairs = [
        ("Location", "Nairobi, Kenya"),
        ("Grade", "IPSA-9"),
        ("Contract Type", "Personnel Service Agreement"),
        ("Job Identification", "26415"),
        ("Posting Date", "05/14/2026, 04:00 AM"),
        ("Apply Before", "05/29/2026, 03:59 AM"),
    ]
    main = (
        f"<h1 class='job-details__title'>{e(title)}</h1><ul class='job-meta'>"
        + "".join(
            f"<li><span class='job-meta__label'>{k}</span><span class='job-meta__value'>{e(v)}</span></li>"
            for k, v in pairs
        )
        + "</ul><div class='job-details__description'>"
        + render_blocks(UNDP_ANALYST)
        + "</div>"
    )
    add(
        "undp-oracle",
        "undp",
        "https://estm.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/job/26415",
        page(f"<title>{title} - UNDP Careers</title>", oracle_chrome(main)),
        [("h1", title), ("ul", [f"{k} {v}" for k, v in pairs]), *UNDP_ANALYST],
        [
            "Climate Finance Analyst",
            "IPSA-9",
            "Contribute to knowledge products, lessons learned and South-South exchanges.",
            "Fluency in English is required; working knowledge of Kiswahili is an asset",
            "Scam warning",
        ],
        [
            "We use cookies to improve your experience",
            "Sign In",
            "Back to Jobs",
            "Apply Now",
            "Similar Jobs",
            "Powered by Oracle Recruiting Cloud",
            "My Saved Jobs",
        ],
        {
            "organization": "UNDP",
            "location": "Nairobi, Kenya",
            "country": "Kenya",
            "grade": "IPSA-9",
        },
        "UNDP on Oracle Recruiting Cloud: label/value spans without colons, table of requirements.",
    )

    # 13 UNOPS on Avature
    title = "Project Manager - Energy Infrastructure"
    pairs = [
        ("Job categories", "Project Management, Engineering"),
        ("Vacancy code", "VA/2026/B5109/31020"),
        ("Level", "ICS-11"),
        ("Department/office", "ECR, UAMCO, Ukraine"),
        ("Duty station", "Kyiv, Ukraine"),
        ("Contract type", "International ICA"),
        ("Contract level", "ICS 11 (IICA 3)"),
        ("Duration", "Open-ended"),
        ("Application period", "14-May-2026 to 28-May-2026"),
    ]
    main = (
        f"<h2 class='banner__text__title'>{e(title)}</h2><div class='article__content__view'>"
        + "".join(
            f"<div class='article__content__view__field'><div class='article__content__view__field__label'>{k}</div>"
            f"<div class='article__content__view__field__value'>{e(v)}</div></div>"
            for k, v in pairs
        )
        + "</div><div class='article__content__view__field field--rich-text'>"
        + render_blocks(UNOPS_PM)
        + "</div>"
    )
    add(
        "unops-avature",
        "unops",
        "https://careers.unops.org/careersmarketplace/JobDetail/Project-Manager-Energy-Infrastructure/31020",
        page(f"<title>{title} - UNOPS Careers</title>", avature_chrome(main, title)),
        [("h2", title), ("truth", "\n".join(f"{k}\n{v}" for k, v in pairs)), *UNOPS_PM],
        [
            "Project Manager - Energy Infrastructure",
            "ICS 11 (IICA 3)",
            "14-May-2026 to 28-May-2026",
            "Ensuring that lessons learned are recorded and shared across the portfolio.",
            "Fluency in English is required; knowledge of Ukrainian or Russian is an asset.",
        ],
        [
            "This website uses cookies",
            "Allow all",
            "Share this job",
            "Other jobs you may be interested in",
            "Why UNOPS",
            "Finance Associate",
            "Powered by Cookiebot",
        ],
        {
            "organization": "UNOPS",
            "location": "Kyiv, Ukraine",
            "country": "Ukraine",
            "grade": "ICS 11",
            "contract_type": "International ICA",
        },
        "UNOPS on Avature: Cookiebot, breadcrumb, label/value divs, related jobs.",
    )

    # 14 ReliefWeb job page
    title = "Monitoring, Evaluation, Accountability and Learning (MEAL) Officer"
    meta = (
        "<dl class='rw-entity-meta'><dt>Organization</dt><dd>Kenya Red Cross Society</dd><dt>Country</dt><dd>Kenya</dd>"
        "<dt>City</dt><dd>Marsabit</dd><dt>Posted</dt><dd><time datetime='2026-07-15T10:09:12+00:00'>15 Jul 2026</time></dd>"
        "<dt>Closing date</dt><dd><time datetime='2026-08-03T00:00:00+00:00'>3 Aug 2026</time></dd></dl>"
    )
    blocks = [("h1", title), ("raw", meta), *RELIEFWEB_JOB]
    add(
        "reliefweb-job",
        "reliefweb",
        "https://reliefweb.int/job/4221508/monitoring-evaluation-accountability-and-learning-meal-officer",
        page(
            f"<title>{title} - Kenya | ReliefWeb</title>", reliefweb_chrome(render_blocks(blocks))
        ),
        [
            ("h1", title),
            (
                "fields",
                [
                    ("Organization", "Kenya Red Cross Society"),
                    ("Country", "Kenya"),
                    ("City", "Marsabit"),
                    ("Posted", "15 Jul 2026"),
                    ("Closing date", "3 Aug 2026"),
                ],
            ),
            *RELIEFWEB_JOB,
        ],
        [
            title,
            "Kenya Red Cross Society",
            "3 Aug 2026",
            "Proficiency with KoboToolbox, Excel and Power BI or similar tools.",
            "quoting the job reference KRCS/MEAL/2026/14",
        ],
        [
            "Skip to main content",
            "A service provided by OCHA",
            "Log in / Sign up",
            "Share this on Facebook",
            "Related Content",
            "Terms & Conditions",
        ],
        {
            "organization": "Kenya Red Cross Society",
            "country": "Kenya",
            "location": "Marsabit",
            "closing_date": "2026-08-03",
            "posted_date": "2026-07-15",
        },
        "ReliefWeb job page: skip link, main navigation, share and related sidebar, dl metadata.",
    )

    # 15 UN Talent (a layout that differs from the mocks)
    title = "Administrative Assistant - Vienna"
    top = [
        ("p", "Application deadline 3 weeks ago: Monday 12 Oct 2026 at 23:59 UTC"),
        ("p", "Open application form"),
    ]
    blocks = [
        ("h1", title),
        (
            "fields",
            [("Contract", "G-5"), ("Organization", "UNODC"), ("Location", "Vienna, Austria")],
        ),
        *top,
        *UNTALENT_JOB,
    ]
    add(
        "untalent",
        "generic",
        "https://untalent.org/jobs/administrative-assistant-vienna",
        page(f"<title>{title} | UN Talent</title>", untalent_chrome(render_blocks(blocks, "ul"))),
        blocks,
        [
            title,
            "This is a G-5 contract.",
            "Keeps filing systems and records up to date.",
            "Fluency in English; knowledge of German is an asset.",
        ],
        [
            "We value your privacy",
            "Accept All Cookies",
            "Get job alerts",
            "Land your dream UN job",
            "UN Talent is not affiliated",
            "Programme Assistant - Vienna",
        ],
        {"organization": "UNODC", "location": "Vienna, Austria", "country": "Austria"},
        "UN Talent: a different job-board layout, OneTrust, promo sidebar.",
    )

    # 16 A generic board with JSON-LD only for fields and a dl, day-first dates stated by the source
    title = "Programme Officer (Project Preparation and Partnerships)"
    ld = jsonld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "name": title},
                {
                    "@type": "JobPosting",
                    "title": title,
                    "datePosted": "2025-10-31",
                    "validThrough": "2025-11-30",
                    "employmentType": ["FULL_TIME"],
                    "hiringOrganization": {"@type": "Organization", "name": "UNFCCC"},
                    "identifier": {
                        "@type": "PropertyValue",
                        "name": "UNFCCC",
                        "value": "25-PMD-0042",
                    },
                    "jobLocation": [
                        {
                            "@type": "Place",
                            "address": {
                                "@type": "PostalAddress",
                                "addressLocality": "Bonn",
                                "addressCountry": {"@type": "Country", "name": "Germany"},
                            },
                        }
                    ],
                },
            ],
        }
    )
    blocks = [("h1", title), *PROGRAMME_OFFICER]
    add(
        "jsonld-graph-board",
        "generic",
        "https://www.unjobnet.example/jobs/detail/77001",
        page(f"<title>{title}</title>\n{ld}", wordpress_board_chrome(render_blocks(blocks), title)),
        blocks,
        [title, "Performs other related duties as required.", "Special Notice"],
        [
            "Report Problem",
            "Share this job",
            "Related Jobs",
            "Proudly powered by WordPress",
            "This site uses cookies",
        ],
        {
            "organization": "UNFCCC",
            "location": "Bonn",
            "country": "Germany",
            "closing_date": "2025-11-30",
            "posted_date": "2025-10-31",
            "job_number": "25-PMD-0042",
            "contract_type": "Full-time",
        },
        "Generic board whose fields are only in JSON-LD (@graph); the posting text carries no labels.",
    )

    # 17 Impactpool CloudFront mirror, list-heavy posting without paragraphs
    title = "Registration Assistant"
    fields_html = """<ul class="job-info"><li><strong>Organization:</strong> UNHCR - United Nations High Commissioner for Refugees</li>
<li><strong>Location:</strong> Tapachula</li><li><strong>Grade:</strong> Support level - GS-5, General Service - Locally recruited position</li>
<li><strong>Occupational Groups:</strong><ul><li>Registration</li></ul></li><li><strong>Closing Date:</strong> 2026-10-20</li></ul>"""
    lists: list[Block] = [
        ("h2", "Duties"),
        (
            "ul",
            [
                "Register asylum-seekers in proGres.",
                "Verify identity documents.",
                "Take biometrics.",
                "Answer questions at the help desk.",
                "Update case files.",
                "Refer urgent cases.",
            ],
        ),
        ("h2", "Requirements"),
        (
            "ul",
            [
                "Secondary education.",
                "Four years of experience.",
                "Spanish essential.",
                "English desirable.",
            ],
        ),
        ("h2", "Competencies"),
        ("ul", ["Accountability", "Communication", "Teamwork & Collaboration"]),
    ]
    blocks = [("h1", title), ("raw", fields_html), *lists]
    truth_head = (
        "truth",
        "- Organization: UNHCR - United Nations High Commissioner for Refugees\n- Location: Tapachula\n- Grade: Support level - GS-5, General Service - Locally recruited position\n- Occupational Groups:\n  - Registration\n- Closing Date: 2026-10-20",
    )
    add(
        "impactpool-mirror-lists",
        "impactpool",
        "http://d2joq6sj09wk6y.cloudfront.net/jobs/1164355",
        page(
            f"<title>{title} | Impactpool</title>",
            impactpool_chrome(render_blocks(blocks), login=True),
        ),
        [("h1", title), truth_head, *lists],
        [
            title,
            "Register asylum-seekers in proGres.",
            "Refer urgent cases.",
            "English desirable.",
            "Teamwork & Collaboration",
        ],
        [
            "Sign in to see the full job details",
            "Share this job",
            "Similar jobs",
            "By continuing to browse this site",
        ],
        {"grade": "G-5", "closing_date": "2026-10-20", "location": "Tapachula"},
        "Impactpool mirror, short list-only posting (precision-first settings drop short list items).",
    )

    # 18 ReliefWeb-style page where the whole posting is a long list inside divs and a table of fields
    title = "Cash and Voucher Assistance Officer"
    fields_tbl = [
        ("Organization", "Norwegian Refugee Council"),
        ("Location", "Maiduguri, Nigeria"),
        ("Contract type", "Fixed term, 12 months"),
        ("Grade", "NRC grade 7"),
        ("Closing date", "31/08/2026"),
    ]
    body_blocks: list[Block] = [
        ("h2", "Role and responsibilities"),
        (
            "ul",
            [
                "Lead the design of cash and voucher assistance in Borno State.",
                "Conduct market assessments with partners.",
                "Manage financial service providers and reconcile transfers.",
                "Set up post-distribution monitoring.",
            ],
        ),
        ("h2", "Competencies"),
        (
            "ul",
            [
                "Three years of experience with cash programmes.",
                "Knowledge of Hausa is an advantage.",
                "Willingness to travel to field locations.",
            ],
        ),
        (
            "p",
            "NRC offers a 12-month contract with the possibility of extension, and a competitive salary and benefits package.",
        ),
    ]
    blocks = [("h1", title), ("fields", fields_tbl), *body_blocks]
    add(
        "reliefweb-table-fields",
        "reliefweb",
        "https://reliefweb.int/job/4230001/cash-and-voucher-assistance-officer",
        page(
            f"<title>{title} | ReliefWeb</title>", reliefweb_chrome(render_blocks(blocks, "table"))
        ),
        blocks,
        [
            title,
            "Norwegian Refugee Council",
            "31/08/2026",
            "Set up post-distribution monitoring.",
            "Willingness to travel to field locations.",
        ],
        ["Skip to main content", "Log in / Sign up", "Share this on Facebook", "Related Content"],
        {
            "organization": "Norwegian Refugee Council",
            "location": "Maiduguri, Nigeria",
            "country": "Nigeria",
            "closing_date": "2026-08-31",
            "contract_type": "Fixed term, 12 months",
        },
        "Fields in a table (th/td) that carries them; day-first closing date on a day-first source.",
    )
    # 19 WordPress careers site: Complianz and TrustArc consent, menu without <nav>, text
    # breadcrumb, header lines above the body, field list of spans without colons (named
    # "meta"), closing lines after the last paragraph, footer as a div
    title = "Programme Assistant (Education)"
    header: list[Block] = [
        ("h1", title),
        ("raw", "<p class='posted'>Posted on 2 March 2026</p>"),
        ("raw", "<p class='deadline'>Closing date: 20 March 2026</p>"),
    ]
    meta = [
        ("Duty station", "Irbid, Jordan"),
        ("Organization", "Norwegian Refugee Council"),
        ("Contract type", "Fixed term, 12 months"),
        ("Grade", "NRC grade 5"),
    ]
    meta_html = (
        "<ul class='job-details-meta'>"
        + "".join(
            f"<li><span class='job-details-meta__label'>{e(k)}</span><span class='job-details-meta__value'>{e(v)}</span></li>"
            for k, v in meta
        )
        + "</ul>"
    )
    closing: list[Block] = [
        ("h3", "Type of contract"),
        ("raw", "<p>National staff</p>"),
        ("h3", "Start date"),
        ("raw", "<p>As soon as possible</p>"),
    ]
    blocks = [*header, ("raw", meta_html), *EDUCATION_ASSISTANT, *closing]
    truth = [
        ("h1", title),
        ("truth", "Posted on 2 March 2026"),
        ("truth", "Closing date: 20 March 2026"),
        ("truth", "\n".join(f"- {k} {v}" for k, v in meta)),
        *EDUCATION_ASSISTANT,
        ("h3", "Type of contract"),
        ("truth", "National staff"),
        ("h3", "Start date"),
        ("truth", "As soon as possible"),
    ]
    add(
        "complianz-wordpress-board",
        "generic",
        "https://www.humanitarian-careers.example/jobs/programme-assistant-education-irbid/",
        page(
            f"<title>{title} – Humanitarian Careers</title>",
            complianz_board_chrome(render_blocks(blocks)),
        ),
        truth,
        [
            title,
            "Closing date: 20 March 2026",
            "Irbid, Jordan",
            "NRC grade 5",
            "Fluent Arabic and good English.",
            "As soon as possible",
        ],
        [
            "Manage Cookie Consent",
            "To provide the best experiences",
            "This website uses cookies",
            "Agree and Proceed",
            "You are here",
            "Career advice",
            "Back to search results",
            "Save job",
            "Print this page",
            "Email this page",
            "Latest vacancies",
            "Education Officer, Irbid",
            "independent job board",
            "Jobs for people who help people",
        ],
        {
            "closing_date": "2026-03-20",
            "location": "Irbid, Jordan",
            "grade": None,
            "grade_raw": "NRC grade 5",
            "contract_type": "Fixed term, 12 months",
        },
        "WordPress careers site: Complianz and TrustArc consent, menu in divs, text breadcrumb, header lines, colon-less field list named meta, closing lines, div footer.",
    )

    # 20 An organisation's own portal: Didomi consent, print banner, div menu, title and
    # deadline in a header container apart from the body, login prompt, report/share, other jobs
    title = "Field Monitor"
    head_html = (
        f"<h1>{e(title)}</h1><p>Juba, South Sudan</p><p>Vacancy number: 2026-SSD-0114</p>"
        "<p>Deadline for applications: 15 April 2026</p>"
    )
    add(
        "didomi-portal",
        "generic",
        "https://careers.wfp.example/vacancies/2026-SSD-0114",
        page(
            f"<title>{title} | WFP Careers</title>",
            didomi_portal_chrome((head_html, render_blocks(FOOD_MONITOR))),
        ),
        [
            ("h1", title),
            ("truth", "Juba, South Sudan"),
            ("truth", "Vacancy number: 2026-SSD-0114"),
            ("truth", "Deadline for applications: 15 April 2026"),
            *FOOD_MONITOR,
        ],
        [
            title,
            "Vacancy number: 2026-SSD-0114",
            "Deadline for applications: 15 April 2026",
            "Report protection and accountability issues",
            "Fluency in English and Juba Arabic.",
        ],
        [
            "We and our partners use cookies",
            "printable banner",
            "Working at WFP",
            "Sign in to view the full application form",
            "Don't have an account?",
            "Report this job",
            "Share this job",
            "Other jobs you may be interested in",
            "Logistics Officer, Juba",
            "Via Cesare Giulio Viola",
            "Fraud warning",
        ],
        {"closing_date": "2026-04-15", "job_number": "2026-SSD-0114"},
        "Organisation portal: Didomi consent, print banner, div menu, header container apart from the body, login prompt, report/share, other jobs.",
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=HERE.parents[2] / "shared" / "seeds")
    args = parser.parse_args()
    PAGES.mkdir(exist_ok=True)
    for item in build(args.seeds):
        (PAGES / f"{item['id']}.html").write_text(item["html"], encoding="utf-8")
        (PAGES / f"{item['id']}.json").write_text(
            json.dumps(item["truth"], indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(item["id"])


if __name__ == "__main__":
    main()
