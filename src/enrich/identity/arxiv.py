"""arXiv identifiers: find them in the many shapes people write, and normalise them.

Lists link to arXiv as ``/abs/``, ``/pdf/`` (with or without ``.pdf``),
``/html/`` with fragments, on ``www.`` or ``export.`` hosts, over http, via the
DataCite DOI ``10.48550/arXiv.<id>`` or through mirrors such as alphaxiv. All
of them name one canonical id: the version-free form arXiv's API keys its
records by (``2104.11116``, ``math/0309136``). The rules follow arXiv's own
validator (``arXiv/arxiv-base``, ``arxiv/identifier``): new-style ids are
``YYMM.NNNN`` from 0704 to 1412 and ``YYMM.NNNNN`` from 1501 on; old-style ids
are ``archive[.SUBJ]/YYMMNNN`` and drop the subject class canonically. Paper
number zero (``0704.0000``, ``quant-ph/9409000``) was never issued: it is no id.

alphaXiv writes ids in more shapes than arXiv: ``alphaxiv.org/abs/ID.md`` (its
Markdown rendering), a language before the path (``alphaxiv.org/zh/abs/IDv2``)
and PDFs at ``pdfs.assets.alphaxiv.org/IDv2.pdf``.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# Archives that used old-style identifiers (before April 2007).
OLD_ARCHIVES = frozenset(
    {
        "acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an",
        "chao-dyn", "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an",
        "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th", "math", "math-ph", "mtrl-th",
        "nlin", "nucl-ex", "nucl-th", "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio",
        "quant-ph", "solv-int", "supr-con",
    }
)  # fmt: skip

_NEW = r"(?P<new>\d{4}\.\d{4,5})"
# Bounded archive names (the longest is 8 letters): a run of letters costs one pass, not n².
_ARCHIVE = r"(?P<archive>[a-z]{1,12}(?:-[a-z]{1,12})?)"
_OLD = rf"(?P<old>{_ARCHIVE}(?:\.(?P<subj>[A-Za-z]{{2}}))?/(?P<num>\d{{7}}))"
_VERSION = r"(?:v(?P<version>\d{1,4}))?"  # papers reach v20 or so; 5,000 digits is an attack
# ASCII: ``\d`` would otherwise take Arabic-Indic and other Unicode digits.
_ID_RE = re.compile(rf"(?:{_NEW}|{_OLD}){_VERSION}", re.ASCII)

ARXIV_HOSTS = frozenset({"arxiv.org", "www.arxiv.org", "export.arxiv.org", "alphaxiv.org"})
_MIRROR_HOSTS = frozenset({"www.alphaxiv.org", "arxiv-vanity.com", "www.arxiv-vanity.com"})
_ALPHAXIV_PDF_HOST = "pdfs.assets.alphaxiv.org"
_LANGUAGE = re.compile(r"[a-z]{2}(?:-[A-Za-z]{2,4})?")  # alphaxiv.org/zh/abs/..., /pt-BR/...
_FILE_SUFFIX = re.compile(r"\.(?:pdf|md)$", re.I)
_PATH_KINDS = frozenset({"abs", "pdf", "html", "ps", "src", "format", "papers", "overview"})
_DOI_RE = re.compile(r"10\.48550/arxiv\.(?P<rest>.+)$", re.I)


@dataclass(frozen=True)
class ArxivRef:
    """An arXiv id found in a link or string: canonical id and the version, if given."""

    id: str
    version: int | None = None


def _valid_new(base: str) -> bool:
    yymm, number = base.split(".")
    year, month = int(yymm[:2]), int(yymm[2:])
    if not 1 <= month <= 12 or (year == 7 and month < 4) or year < 7 or int(number) == 0:
        return False
    return len(number) == (4 if int(yymm) < 1501 else 5)


def _valid_old(archive: str, num: str) -> bool:
    year, month, number = int(num[:2]), int(num[2:4]), int(num[4:])
    return archive in OLD_ARCHIVES and 1 <= month <= 12 and (year >= 91 or year <= 7) and number > 0


def _ref_from_match(match: re.Match[str]) -> ArxivRef | None:
    version = int(match["version"]) if match["version"] else None
    if version == 0:
        return None
    if match["new"]:
        return ArxivRef(match["new"], version) if _valid_new(match["new"]) else None
    archive = match["archive"].lower()
    if not _valid_old(archive, match["num"]):
        return None
    return ArxivRef(f"{archive}/{match['num']}", version)


def parse_id(text: str) -> ArxivRef | None:
    """The id when ``text`` is exactly one id (``arXiv:`` prefix and ``vN`` allowed)."""
    candidate = text.strip()
    if candidate.lower().startswith("arxiv:"):
        candidate = candidate[6:].strip()
    match = _ID_RE.fullmatch(candidate)
    return _ref_from_match(match) if match else None


def _is_arxiv_host(host: str) -> bool:
    return host in ARXIV_HOSTS or host in _MIRROR_HOSTS or host == _ALPHAXIV_PDF_HOST


def is_arxiv_url(text: str) -> bool:
    """Whether ``text`` is a URL on an arXiv host or mirror (valid id or not)."""
    return _is_arxiv_host(_host(text))


def _host(text: str) -> str:
    value = text.strip()
    if "://" not in value:
        value = "//" + value
    try:
        return (urlsplit(value).hostname or "").lower()
    except ValueError:
        return ""


def _from_path(host: str, path: str) -> ArxivRef | None:
    parts = [p for p in unquote(path).split("/") if p]
    if host == _ALPHAXIV_PDF_HOST:
        return parse_id(_FILE_SUFFIX.sub("", parts[0])) if len(parts) == 1 else None
    if "alphaxiv" in host and len(parts) >= 3 and _LANGUAGE.fullmatch(parts[0]):
        parts = parts[1:]
    if len(parts) >= 2 and parts[0].lower() in _PATH_KINDS:
        rest = "/".join(parts[1:3]) if len(parts) >= 3 else parts[1]
        for candidate in (rest, parts[1]):
            ref = parse_id(_FILE_SUFFIX.sub("", candidate))
            if ref:
                return ref
    return None


@lru_cache(maxsize=65_536)
def extract_id(text: str) -> ArxivRef | None:
    """The arXiv id a link, DOI or string points at, or ``None``.

    Remembered: every source asks it of the same links (7% of a warm run's
    samples at 10,000 entries), and its answer is a frozen value.

    Accepts arXiv URLs (any path kind, host variant, scheme, query, fragment),
    ``10.48550/arXiv.<id>`` DOIs (bare or as a doi.org URL), ``arXiv:<id>``
    and bare ids. Non-arXiv URLs yield ``None`` even if a number inside them
    looks like an id, so a CVF or proceedings link is never mistaken for one.
    """
    value = text.strip()
    doi = _DOI_RE.search(unquote(value.split("?")[0].split("#")[0]))
    if doi:
        return parse_id(doi["rest"].rstrip("/"))
    host = _host(value)
    if _is_arxiv_host(host):
        scheme_less = value.split("://", 1)[-1]
        path = "/" + scheme_less.split("/", 1)[1] if "/" in scheme_less else "/"
        return _from_path(host, path.split("?")[0].split("#")[0])
    if "/" in value and "://" in value:
        return None
    return parse_id(value)


def abs_url(arxiv_id: str) -> str:
    """The canonical abstract page of an id."""
    return f"https://arxiv.org/abs/{arxiv_id}"
