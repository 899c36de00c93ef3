"""Shared rows on the device: anyone adds a county or product, only an admin changes or
deletes one, a supervisor sets a county's target (``fieldapp.kinds.SHARED_EDITS``,
head office's rule too)."""

from __future__ import annotations

import pytest

from fieldapp.errors import ValidationError
from fieldapp.store import Store


def test_only_admins_edit_shared_rows_and_supervisors_set_targets() -> None:
    store = Store.open(":memory:")
    team = store.teams.create(name="郑州一组")
    rep = store.users.create(name="李娜", role="rep", team_id=team.id)
    sup = store.users.create(name="王强", role="supervisor", team_id=team.id)
    admin = store.users.create(name="总部", role="admin")
    store.set_user(rep.id)
    county = store.counties.create(name="金水区", koc_target=50)  # anyone adds one
    product = store.products.create(name="青花瓷 52度")
    attempts = [
        lambda: store.counties.update(county.id, name="改名区"),
        lambda: store.counties.update(county.id, koc_target=99),
        lambda: store.counties.delete(county.id),
        lambda: store.products.update(product.id, name="改名"),
        lambda: store.products.delete(product.id),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert exc.value.errors[0].code == "forbidden"
    store.set_user(sup.id)
    assert store.counties.update(county.id, koc_target=80).koc_target == 80
    with pytest.raises(ValidationError) as exc:
        store.counties.update(county.id, name="改名区", koc_target=81)
    assert [(e.field, e.code) for e in exc.value.errors] == [("name", "forbidden")]
    with pytest.raises(ValidationError):
        store.products.delete(product.id)
    store.set_user(admin.id)
    store.counties.update(county.id, name="金水区（新）")
    store.products.delete(product.id)
    store.counties.delete(county.id)
