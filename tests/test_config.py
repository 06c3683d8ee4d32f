"""Config files: the shipped ones validate; bad ones fail naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import config


def test_shipped_config_validates(root: Path) -> None:
    s = config.load(root / "config")
    assert any(sp.name == "United States" for sp in s.speakers)
    assert "004_6165ee64924b9baf.txt" in s.sources


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "speakers.yaml").write_text("speakers:\n  - name: [unclosed\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"speakers\.yaml:\d+: invalid YAML"):
        config.load(tmp_path)


@pytest.mark.parametrize("body, key", [
    ("speakers:\n  - nam: X\n", "speakers\\[0\\]"),
    ("speakers:\n  - name: X\n    kind: robot\n", "kind"),
    ("speakerz: []\n", "speakerz"),
])
def test_bad_speaker_entries_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    (tmp_path / "speakers.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(config.ConfigError, match=key):
        config.load(tmp_path)


def test_bad_source_date_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("a.txt:\n  date: 12/01/2022\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"a\.txt\.date"):
        config.load(tmp_path)


def test_bot_settings_are_validated_naming_the_key(tmp_path: Path) -> None:
    from bot.config import ConfigError, load

    (tmp_path / "bot.yaml").write_text("page_size: 5\nadmin_users: [1234567890123]\n", encoding="utf-8")
    bot = load(tmp_path).bot
    assert bot.page_size == 5 and bot.admin_users == (1234567890123,)
    for bad, key in (("page_size: 0\n", "page_size"), ("admin_roles: [abc]\n", "admin_roles"),
                     ("who_min_score: 250\n", "who_min_score"), ("pagesize: 5\n", "pagesize"),
                     ("dev_guild: -3\n", "dev_guild"), ("token: abc\n", "token"),
                     ("min_confidence: 1.5\n", "min_confidence"), ("min_confidence: yes\n", "min_confidence")):
        (tmp_path / "bot.yaml").write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError, match=key) as e:
            load(tmp_path)
        assert "bot.yaml" in str(e.value)


def test_shipped_bot_yaml_is_valid(root: Path) -> None:
    from bot.config import load

    settings = load(root / "config")
    assert settings.bot.corpus == "seeds" and 1 <= settings.bot.page_size <= 10


@pytest.mark.parametrize(("name", "body", "says"), [
    ("speakers.yaml", "speakers: []\nkeep_apart: yes\n", "speakers.yaml:2: keep_apart: Input should be a valid list"),
    ("speakers.yaml", "speakers: 5\n", "speakers.yaml:1: speakers: Input should be a valid list (got 5)"),
    ("speakers.yaml", "speakers:\n  - name: Ann\n    kind: alien\n",
     "speakers.yaml:3: speakers[0].kind: Input should be 'person' or 'organisation' (got 'alien')"),
    ("sources.yaml", "a.txt:\n  title: x\n  date: 2022-02-30\n", "sources.yaml:3: date: 2022-02-30 is not a date"),
    ("sources.yaml", "a.txt:\n  title: x\n  date: 2022/02/03\n",
     "sources.yaml:3: a.txt.date: '2022/02/03' is not a date"),
    ("sources.yaml", "a.txt:\n  outlet: {a: 1}\n", "sources.yaml:2: a.txt.outlet: Input should be a valid string"),
    ("bot.yaml", "min_confidence: yes\n", "bot.yaml:1: min_confidence: Input should be a valid number (got True)"),
])
def test_valid_yaml_with_wrong_values_is_an_error_naming_file_and_key(tmp_path: Path, name: str, body: str,
                                                                       says: str) -> None:
    from bot.config import ConfigError, load

    (tmp_path / name).write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load(tmp_path)
    assert says in str(e.value)


def test_a_number_for_a_title_is_text(tmp_path: Path) -> None:
    from bot.config import load

    (tmp_path / "sources.yaml").write_text("a.txt:\n  title: 1984\n", encoding="utf-8")
    assert load(tmp_path).sources["a.txt"]["title"] == "1984"
