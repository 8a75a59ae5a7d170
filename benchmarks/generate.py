"""Synthetic awesome lists of N papers, in the seed list's Markdown style, deterministic per seed.

A benchmark needs lists far larger than any real one, shaped like real ones:
most entries link an arXiv abstract or PDF, about one in ten links a
publisher's page (CVF, ACM) so the pipeline must find it by a title search,
most have a GitHub Code link with star and fork badges, about half a project
page. Every identity is unique (titles, arXiv ids, repositories), so a result
can be checked against what the fakes were given.

Nothing here touches the network: :func:`generate` makes the records,
:func:`render` writes the Markdown once the fake web hosts' addresses are
known (project pages must point at them, real hosts are unreachable).
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

SEARCH_SHARE = 0.10  # entries whose paper link is not arXiv: found by a title search
CODE_SHARE = 0.88
PAGE_SHARE = 0.50
SHARED_REPO_SHARE = 0.01  # entries whose Code link is a popular toolkit others use too
ENTRIES_PER_SECTION = 50

VENUES = (
    "CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "AAAI", "MM", "SIGGRAPH", "SIGGRAPH Asia",
    "arXiv",
)  # fmt: skip
CVF_VENUES = ("CVPR", "ICCV")
TOPICS = (
    "2D talking-face synthesis", "3D talking-face synthesis", "Co-speech gesture synthesis",
    "Pose2image", "Face reenactment", "Audio-driven avatars", "Neural head avatars",
    "Full-body avatars", "Lip synchronization", "Face enhancement",
)  # fmt: skip
SYLLABLES = (
    "ka", "lo", "mi", "ne", "ra", "to", "vi", "zu", "sa", "de", "po", "ri", "fa", "gu",
    "he", "jo", "lu", "ma", "no", "pe", "qui", "se", "ta", "vo", "xe", "ya", "be", "co",
    "di", "el",
)  # fmt: skip
SUFFIXES = ("", "", "", "-NeRF", "GAN", "Talker", "Diff", "-3D", "Net", "Former")
ADJECTIVES = (
    "Audio-Driven", "Controllable", "Expressive", "Efficient", "Generalizable", "High-Fidelity",
    "Implicit", "Personalized", "Photorealistic", "Real-Time", "Robust", "Stylized",
    "Unsupervised", "One-Shot", "Few-Shot", "Emotional", "Disentangled", "Editable",
    "Temporally-Consistent", "Multimodal", "Identity-Preserving", "Zero-Shot", "Hierarchical",
    "Dynamic", "Semantic", "Sparse", "Dense", "Articulated", "Neural", "Latent",
)  # fmt: skip
NOUNS = (
    "Talking", "Face", "Head", "Portrait", "Gesture", "Motion", "Speech", "Lip", "Avatar",
    "Body", "Expression", "Pose", "Video", "Image", "Animation", "Reenactment", "Synthesis",
    "Generation", "Editing", "Rendering", "Radiance", "Fields", "Diffusion", "Transformer",
    "Keypoints", "Flow", "Mesh", "Texture", "Geometry", "Dubbing", "Landmarks", "Emotion",
    "Style", "Identity", "Audio", "Voice", "Prior", "Codebook", "Tokens", "Gaussians",
)  # fmt: skip
LINKERS = ("for", "via", "with", "from", "using", "towards", "by")
AFFILIATIONS = (
    "Tsinghua University", "Zhejiang University", "The Chinese University of Hong Kong",
    "Peking University", "Max Planck Institute for Informatics", "NVIDIA",
    "University of Science and Technology of China", "Beihang University", "ETH Zurich",
    "Stanford University", "Tencent AI Lab", "Microsoft Research Asia", "Meta Reality Labs",
    "Korea Advanced Institute of Science and Technology (KAIST)",
    "Nanyang Technological University",
)  # fmt: skip
FIRST_NAMES = ("Wei", "Anna", "Jun", "Maria", "Hao", "Lukas", "Yuki", "Sara", "Chen", "Omar")
LAST_NAMES = ("Zhang", "Müller", "Li", "Rossi", "Wang", "Kim", "Tanaka", "Silva", "Liu", "Khan")
TOOLKITS = ("open-mmlab/mmagic", "facebookresearch/pytorch3d", "NVlabs/stylegan3")


@dataclass(frozen=True)
class SyntheticPaper:
    """One list entry and the facts the fake services hold about it."""

    number: int
    section: str
    venue: str
    year: int
    name: str  # the method name heading the title
    title: str
    affiliation: str
    arxiv_id: str  # every paper is on arXiv; only ``link`` says how the list points at it
    link: str  # "abs", "abs_version", "pdf", "pdf_bare", "cvf" or "acm"
    published: str  # v1 date, RFC 3339
    authors: tuple[str, ...]
    repo: str | None  # owner/name of the Code link
    page: str | None  # path of the project page on a fake web host
    page_host: int  # which fake web host serves the page

    @property
    def needs_search(self) -> bool:
        return self.link in ("cvf", "acm")

    @property
    def paper_url(self) -> str:
        urls = {
            "abs": f"https://arxiv.org/abs/{self.arxiv_id}",
            "abs_version": f"https://arxiv.org/abs/{self.arxiv_id}v2",
            "pdf": f"https://arxiv.org/pdf/{self.arxiv_id}.pdf",
            "pdf_bare": f"https://arxiv.org/pdf/{self.arxiv_id}",
        }
        if self.link in urls:
            return urls[self.link]
        words = "_".join(w.strip(":") for w in self.title.split())
        if self.link == "cvf":
            return (
                f"https://openaccess.thecvf.com/content/{self.venue}{self.year}/html/"
                f"{self.authors[0].split()[-1]}_{words}_{self.venue}_{self.year}_paper.html"
            )
        return f"https://dl.acm.org/doi/10.1145/{3500000 + self.number}"


@dataclass(frozen=True)
class SyntheticList:
    """A generated list: its papers in document order."""

    seed: int
    papers: tuple[SyntheticPaper, ...]

    @property
    def linked_ids(self) -> list[str]:
        """Distinct arXiv ids the list links directly."""
        return sorted({p.arxiv_id for p in self.papers if not p.needs_search})

    @property
    def searched(self) -> list[SyntheticPaper]:
        return [p for p in self.papers if p.needs_search]

    @property
    def repos(self) -> list[str]:
        """Distinct repositories the list's Code links name."""
        return sorted({p.repo for p in self.papers if p.repo})

    @property
    def pages(self) -> list[SyntheticPaper]:
        return [p for p in self.papers if p.page]


class _Names:
    """Unique method names and arXiv ids drawn from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: set[str] = set()
        self.ids: set[str] = set()

    def name(self) -> str:
        while True:
            count = self.rng.choice((2, 3, 3, 4))
            stem = "".join(self.rng.choice(SYLLABLES) for _ in range(count)).capitalize()
            candidate = stem + self.rng.choice(SUFFIXES)
            if candidate.lower() not in self.names:
                self.names.add(candidate.lower())
                return candidate

    def arxiv_id(self, year: int) -> tuple[str, str]:
        while True:
            month = self.rng.randint(1, 12)
            candidate = f"{year % 100:02d}{month:02d}.{self.rng.randint(1, 19999):05d}"
            if candidate not in self.ids:
                self.ids.add(candidate)
                day = self.rng.randint(1, 28)
                return candidate, f"{year}-{month:02d}-{day:02d}T17:59:{self.rng.randint(10, 59)}Z"


def _login(name: str) -> str:
    """A GitHub login from a name: ASCII letters only (``Müller`` -> ``muller``)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _title(rng: random.Random, name: str) -> str:
    adjectives = rng.sample(ADJECTIVES, 2)
    nouns = rng.sample(NOUNS, 5)
    first = " ".join([adjectives[0], *nouns[: rng.randint(2, 3)]])
    second = " ".join([adjectives[1], *nouns[3 : 3 + rng.randint(1, 2)]])
    return f"{name}: {first} {rng.choice(LINKERS)} {second}"


def _link(rng: random.Random, venue: str) -> str:
    if rng.random() < SEARCH_SHARE:
        return "cvf" if venue in CVF_VENUES else "acm"
    return rng.choices(("abs", "abs_version", "pdf", "pdf_bare"), weights=(60, 10, 25, 5))[0]


def _paper(rng: random.Random, names: _Names, number: int, hosts: int) -> SyntheticPaper:
    venue = rng.choice(VENUES)
    year = rng.randint(2019, 2025)
    name = names.name()
    arxiv_id, published = names.arxiv_id(year - rng.choice((0, 0, 1)))
    owner = _login(rng.choice(LAST_NAMES)) + rng.choice(
        ("", "-lab", "lab", str(rng.randint(1, 99)))
    )
    repo = None
    if rng.random() < CODE_SHARE:
        shared = rng.random() < SHARED_REPO_SHARE
        repo = rng.choice(TOOLKITS) if shared else f"{owner}{number}/{name}"
    has_page = rng.random() < PAGE_SHARE
    return SyntheticPaper(
        number=number,
        section=TOPICS[(number // ENTRIES_PER_SECTION) % len(TOPICS)]
        + ("" if number < ENTRIES_PER_SECTION * len(TOPICS) else f", part {number // 500 + 1}"),
        venue=venue,
        year=year,
        name=name,
        title=_title(rng, name),
        affiliation=rng.choice(AFFILIATIONS),
        arxiv_id=arxiv_id,
        link=_link(rng, venue),
        published=published,
        authors=tuple(
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(2, 6))
        ),
        repo=repo,
        page=f"/{name.lower()}/" if has_page else None,
        page_host=rng.randrange(hosts),
    )


def generate(n: int, seed: int = 0, hosts: int = 16) -> SyntheticList:
    """``n`` papers, the same for the same ``(n, seed, hosts)``; pages spread over ``hosts``."""
    rng = random.Random(f"benchmark-{seed}")
    names = _Names(rng)
    return SyntheticList(seed, tuple(_paper(rng, names, number, hosts) for number in range(n)))


def page_url(paper: SyntheticPaper, page_bases: Sequence[str]) -> str | None:
    """The project page's URL on its fake web host (``page_bases``: one base URL per host)."""
    if paper.page is None:
        return None
    return page_bases[paper.page_host % len(page_bases)].rstrip("/") + paper.page


def entry_line(paper: SyntheticPaper, page_bases: Sequence[str]) -> str:
    """One ``- [Venue Year] [Title](url), Affiliation, [ProjectPage](url), [Code](url) badges``."""
    parts = [
        f"- [{paper.venue} {paper.year}] [{paper.title}]({paper.paper_url})",
        paper.affiliation,
    ]
    url = page_url(paper, page_bases)
    if url:
        parts.append(f"[ProjectPage]({url})")
    line = ", ".join(parts)
    if paper.repo:
        shields = "https://img.shields.io/github"
        line += (
            f", [Code](https://github.com/{paper.repo}) "
            f"![Github stars]({shields}/stars/{paper.repo}.svg) "
            f"![Github forks]({shields}/forks/{paper.repo}.svg)"
        )
    return line


def render(synthetic: SyntheticList, page_bases: Sequence[str], name: str = "") -> str:
    """The list as Markdown: a title, an introduction, ``## Papers`` and one ``###`` per topic."""
    title = name or f"synthetic-{len(synthetic.papers)}"
    lines = [
        f"# {title}",
        "A synthetic list for benchmarks, written like awesome-avatar "
        f"({len(synthetic.papers)} papers, seed {synthetic.seed}).",
        "",
        "## Papers",
    ]
    section = None
    for paper in synthetic.papers:
        if paper.section != section:
            section = paper.section
            lines.append(f"### {section}")
        lines.append(entry_line(paper, page_bases))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print a synthetic list of N papers.")
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--page-base", action="append", help="base URL of a web host (repeatable)")
    args = parser.parse_args(argv)
    bases = args.page_base or ["http://127.0.0.1:8000"]
    sys.stdout.write(render(generate(args.n, args.seed), bases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
