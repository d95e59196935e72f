"""The JSON downloads' fast writer gives the text json.dumps(..., indent=2) gives, record for record."""
from __future__ import annotations

import json

import pytest

from macros.export.downloads import dump_indented, iterate_kind_json, record_as_json
from macros.model.records import KINDS


@pytest.mark.parametrize("value", [
    {}, [], "", 0, -3, True, False, None, "quote \" and \\ and \n and é and \u2028 and \x00",
    {"a": [1, {"b": []}, {"c": {}}], "d": ["x", ["y", []]]}, [[[]]], {"nested": {"deeper": {"deepest": "z"}}},
])
def test_the_fast_writer_equals_json_dumps(value):
    assert dump_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_every_download_of_the_real_data_equals_json_dumps(real_site):
    for kind in KINDS.values():
        records = getattr(real_site.index.dataset, kind.name)
        expected = json.dumps([record_as_json(record, kind) for record in records], ensure_ascii=False, indent=2)
        assert "".join(iterate_kind_json(records, kind)) == expected + "\n", kind.name
