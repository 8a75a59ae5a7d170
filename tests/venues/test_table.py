"""The venue table (src/enrich/venues/venues.toml): one name per alias, and the look-ups."""

from __future__ import annotations

import pytest

from enrich.venues import canonical, load_table, lookup_key, table


def test_every_alias_maps_to_exactly_its_own_venue() -> None:
    venues = table().venues
    assert len(venues) >= 60
    names = [venue.name for venue in venues]
    assert len(names) == len(set(names))
    claimed: dict[str, str] = {}
    for venue in venues:
        for alias in venue.aliases:
            key = lookup_key(alias)
            assert claimed.setdefault(key, venue.name) == venue.name, (alias, claimed[key])
            assert canonical(alias) == venue.name, alias


def test_field_venues_are_in_the_table() -> None:
    expected = {
        "CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "AAAI", "IJCAI", "ACM MM", "SIGGRAPH",
        "SIGGRAPH Asia", "TOG", "TPAMI", "TIP", "TVCG", "3DV", "WACV", "BMVC", "ACCV", "ICASSP",
        "Interspeech", "arXiv",
    }  # fmt: skip
    assert expected <= {venue.name for venue in table().venues}


def test_an_alias_claimed_by_two_venues_is_refused() -> None:
    text = '[A]\ntype = "conference"\naliases = ["X"]\n\n[B]\ntype = "journal"\naliases = ["x"]\n'
    with pytest.raises(ValueError, match="claimed by both 'A' and 'B'"):
        load_table(text)


def test_a_venue_name_used_as_another_venues_alias_is_refused() -> None:
    text = '[TOG]\ntype = "journal"\n\n[SIGGRAPH]\ntype = "conference"\naliases = ["ToG"]\n'
    with pytest.raises(ValueError, match="claimed by both"):
        load_table(text)


def test_an_unknown_type_is_refused() -> None:
    with pytest.raises(ValueError, match="type must be one of"):
        load_table('[A]\ntype = "blog"\n')


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ACM MM", "ACM MM"),
        ("ACMMM", "ACM MM"),
        ("MM", "ACM MM"),
        ("ACM Multimedia 2023", "ACM MM"),
        ("NIPS'18", "NeurIPS"),
        ("NeurIPS 2022", "NeurIPS"),
        ("TOG", "TOG"),
        ("ACM TOG", "TOG"),
        ("ACM Trans. Graph. 2021", "TOG"),
        ("CVPR 2024 (Highlight)", "CVPR"),
        ("CVPR23", "CVPR"),
        ("In ECCV 2020", "ECCV"),
        ("Proc. of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
        ("Neural Information Processing Systems (NeurIPS)", "NeurIPS"),
        ("CVPR Workshop 2023", "CVPR Workshops"),
        ("SIGGRAPH Asia 2022", "SIGGRAPH Asia"),
        ("SIGGRAPH 2023", "SIGGRAPH"),
        ("ICCV 2023 Oral", "ICCV"),
        ("IEEE TPAMI", "TPAMI"),
        ("ArXiv 2023", "arXiv"),
        ("arxiv 2023.05", "arXiv"),
        # venue names as OpenAlex gives them
        ("2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "CVPR"),
        ("Computer Vision – ECCV 2022", "ECCV"),
        ("Proceedings of the 31st ACM International Conference on Multimedia", "ACM MM"),
        ("arXiv (Cornell University)", "arXiv"),
        ("3DV 2024", "3DV"),
        ("INTERSPEECH 2023", "Interspeech"),
    ],
)
def test_spellings_lists_use_map_to_the_canonical_name(written: str, name: str) -> None:
    assert canonical(written) == name


@pytest.mark.parametrize("written", ["Journal of Unknown Things", "Workshop on Avatars", "", None])
def test_a_venue_the_table_lacks_has_no_canonical_name(written: str | None) -> None:
    assert canonical(written) is None
