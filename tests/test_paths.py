from pathlib import Path

from desktop_app import paths


def test_home_env_puts_every_location_under_one_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_HOME", str(tmp_path))
    where = paths.resolve()
    for location in (where.data, where.config, where.logs, where.vault, where.settings_file):
        assert tmp_path in location.parents


def test_an_explicit_home_beats_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FIELDBOOK_HOME", str(tmp_path / "env"))
    assert paths.resolve(tmp_path / "flag").vault == tmp_path / "flag" / "data" / "vault"


def test_without_a_home_the_system_folders_have_a_neutral_name(monkeypatch):
    monkeypatch.delenv("FIELDBOOK_HOME")
    where = paths.resolve()
    assert where.data.name == "Fieldbook" and where.data.is_absolute()
    assert "Fieldbook" in where.config.parts
    assert Path.home() in where.data.parents
