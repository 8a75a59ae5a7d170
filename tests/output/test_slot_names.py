"""Which attributes of an entry are slots: asked of the class, in the class's field order."""

from __future__ import annotations

from enrich.models import (
    Dataset,
    Metric,
    Paper,
    Researcher,
    SlotBase,
    Tool,
    Work,
    slot_names,
    slot_types,
)


def test_every_entry_model_names_exactly_its_slot_fields_in_field_order() -> None:
    seen: set[str] = set()
    for model in (Paper, Researcher, Work, Dataset, Metric, Tool):
        example = {
            name
            for name, field in model.model_fields.items()
            if (isinstance(field.annotation, type) and issubclass(field.annotation, SlotBase))
            or any(
                isinstance(arg, type) and issubclass(arg, SlotBase)
                for arg in getattr(field.annotation, "__args__", ())
            )
        }
        names = slot_names(model)
        assert set(names) == example, model.__name__
        order = list(model.model_fields)
        assert list(names) == sorted(names, key=order.index)
        seen.update(names)
    assert seen == set(slot_types())
    assert slot_names(Paper) == ("arxiv", "github", "project_page", "openalex", "huggingface")
