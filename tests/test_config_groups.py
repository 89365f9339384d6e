"""`kith config` answers the name of a group of settings with its settings (a new user's trial:
`kith config get me` listed backups.keep and the cadences)."""

from __future__ import annotations

from tests.conftest import Kith


def test_the_name_of_a_group_of_settings_is_answered_with_the_settings_in_it(kith: Kith) -> None:
    result = kith("config", "get", "me")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: 'me' is a group of settings, not one: me.emails, me.linkedin, me.name and "
        "me.phones (`kith config list --all` shows every one).\n",
    )
    assert kith("config", "set", "plan", "3").stderr == (
        "Error: 'plan' is a group of settings, not one: plan.budget and plan.energy_budget "
        "(`kith config list --all` shows every one).\n"
    )
