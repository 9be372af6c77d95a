"""Where an option of the plugin is written in `mkdocs.yml`: its line, for messages."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

PLUGIN = "reveal"


def where(config_file: str | None, *keys: str) -> str:
    """Where an option of the plugin is written, as `mkdocs.yml:12` (or just the file's name).

    The file is named as pages are, relative to its own folder; `keys` lead from the plugin's
    entry under `plugins` to the option, such as ("schedule", "blog/part-1.md").
    """
    name = Path(config_file).name if config_file else "mkdocs.yml"
    line = option_line(config_file, keys) if config_file else None
    return f"{name}:{line}" if line else name


def option_line(config_file: str, keys: tuple[str, ...]) -> int | None:
    """The line of an option of the plugin in a config file, or None where it is not there."""
    try:
        text = Path(config_file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return _line_in(text, keys)


@functools.lru_cache(maxsize=64)
def _line_in(text: str, keys: tuple[str, ...]) -> int | None:
    """The line of `plugins` → `reveal` → keys in YAML text, found on its nodes (not parsed)."""
    node = composed(text)
    if node is None:
        return None
    plugins = _child(node, "plugins")
    plugin = _child(plugins, PLUGIN)
    if plugin is None or not keys:
        return None
    found: yaml.Node | None = plugin
    key_node: yaml.Node | None = None
    for key in keys:
        key_node = _key(found, key)
        found = _child(found, key)
    return key_node.start_mark.line + 1 if key_node is not None else None


@functools.lru_cache(maxsize=4)
def composed(text: str) -> yaml.Node | None:
    """A YAML text's nodes, with their positions; None when it is not YAML."""
    # Composing builds nodes and constructs no values, so tags such as !ENV and values that
    # would not load (an impossible date) do not stop it. Once per text: every option's line
    # is looked up in the same nodes.
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _key(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The key node of `key` in a mapping (paths compared as the schedule reads them)."""
    if isinstance(node, yaml.MappingNode):
        wanted = normal_key(key)
        for name, _value in node.value:
            if isinstance(name, yaml.ScalarNode) and normal_key(name.value) == wanted:
                return name
    return None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under `key` in a mapping, or in the list `plugins` is often written as."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found = _child(item, key)
            if found is not None:
                return found
        return None
    if isinstance(node, yaml.MappingNode):
        wanted = normal_key(key)
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and normal_key(name.value) == wanted:
                child: yaml.Node = value
                return child
    return None


def normal_key(key: str) -> str:
    """A key as the schedule compares it: no surrounding space, no leading slash."""
    return key.strip().lstrip("/")
