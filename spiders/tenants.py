"""Sources of a platform kind: a sources-file table made into that platform's spider.

`kind = "workday"` (or oracle, pageup, avature) names a platform module in this package
that knows every tenant of the platform; its `tenant_spider(config)` returns the spider
class of one tenant, as `spiders/configured.py` does for feeds, sitemaps and listings.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from crawler.userconfig import SourceConfig

from .base import JobSpider

#: The module of each platform kind (crawler/platforms.py lists what each needs).
MODULES = {
    "workday": "spiders.workday",
    "oracle": "spiders.oracle",
    "pageup": "spiders.pageup",
    "avature": "spiders.avature",
}


def tenant_spider(config: SourceConfig) -> type[JobSpider]:
    """The spider class of a source of a platform kind."""
    module = importlib.import_module(MODULES[config.kind])
    spider: type[JobSpider] = module.tenant_spider(config)
    return spider


class FromConfig:
    """Mixed into a platform spider made from a sources file: the table's reading keys
    (labels, organization, dates) are part of how its pages read."""

    config: ClassVar[SourceConfig]

    @classmethod
    def extraction(cls) -> str:
        return f"{super().extraction()}; config {cls.config.reading_digest()}"  # type: ignore[misc]


def class_attrs(config: SourceConfig, kind: str, module: str, **attrs: Any) -> dict[str, Any]:
    """The attributes every tenant spider class made from a sources file has."""
    return {
        "name": config.name,
        "kind": kind,
        "default_base_url": config.base_url,
        "config": config,
        "__module__": module,
        **attrs,
    }


def with_labels(
    usual: Mapping[str, str], config: SourceConfig, names: Mapping[str, str]
) -> dict[str, str]:
    """A platform's usual labels and the source's own, each sent to what the platform
    calls the archive field it fills (`names`: field -> the platform's name for it)."""
    labels = dict(usual)
    for label, field in config.labels.items():
        labels[label] = names.get(field, field)
    return labels


def class_name(name: str) -> str:
    """`un_women` -> `UnWomenSpider`."""
    return "".join(p.capitalize() for p in re.split(r"[-_]", name)) + "Spider"
