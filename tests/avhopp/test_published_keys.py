"""Every key written in the repository is refused by production."""

import ast
import json
import re
import subprocess
import sys

from tests.avhopp.production import ROOT, production_env

# --- Every key written in the repository is refused by production ---------------
#
# The tracked files are read for values given to the three key settings: in Python
# by assignment, keyword argument, dict entry or as the argument after the name
# (os.environ.setdefault("SECRET_KEY", "…")), when the value is a literal; in every
# other file as NAME=value or "NAME": "value". Values built at run time (a call, a
# shell "$(…)") are not written in the repository and are not collected.

KEY_NAMES = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "IDENTITY_HMAC_KEY")
_TEXT_ASSIGNMENT = re.compile(
    r"(?<![\w$])(SECRET_KEY|FIELD_ENCRYPTION_KEYS|IDENTITY_HMAC_KEY)[ \t]*=[ \t]*"
    r"(?:\"([^\"\n]*)\"|'([^'\n]*)'|([^\s\"'`;#]*))"
)
_TEXT_MAPPING = re.compile(
    r"[\"'](SECRET_KEY|FIELD_ENCRYPTION_KEYS|IDENTITY_HMAC_KEY)[\"']\s*[,:]\s*"
    r"(?:\"([^\"\n]*)\"|'([^'\n]*)')"
)


class _NotLiteral(Exception):
    pass


def _literal(node: ast.AST):
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int):
        return node.value
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [_literal(element) for element in node.elts]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mult):
        left, right = _literal(node.left), _literal(node.right)
        return left + right if isinstance(node.op, ast.Add) else left * right
    raise _NotLiteral


def _target_name(target: ast.AST) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        return target.slice.value
    return None


def _python_values(node: ast.AST):
    """(name, expression) for each value given to a key setting in this node."""
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            yield _target_name(target), node.value
    elif isinstance(node, ast.keyword):
        yield node.arg, node.value
    elif isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant):
                yield key.value, value
    elif isinstance(node, ast.Call) and node.args:
        first = node.args[0]
        if isinstance(first, ast.Constant):
            for value in [*node.args[1:], *(kw.value for kw in node.keywords)]:
                yield first.value, value


def _flatten(value) -> list[str]:
    if isinstance(value, list):
        return [item for element in value for item in _flatten(element)]
    return [value] if isinstance(value, str) else []


def _split(name: str, values: list[str]) -> list[tuple[str, str]]:
    found = []
    for value in values:
        parts = value.split(",") if name == "FIELD_ENCRYPTION_KEYS" else [value]
        found += [(name, part) for part in parts if part.strip() and "$" not in part]
    return found


def keys_written_in(path: str, text: str) -> list[tuple[str, str]]:
    """Each (setting, key) that the file gives a literal value."""
    found = []
    if path.endswith(".py"):
        for node in ast.walk(ast.parse(text)):
            for name, expression in _python_values(node):
                if name not in KEY_NAMES:
                    continue
                try:
                    found += _split(name, _flatten(_literal(expression)))
                except _NotLiteral:
                    continue
        return found
    for pattern in (_TEXT_ASSIGNMENT, _TEXT_MAPPING):
        for match in pattern.finditer(text):
            value = next((g for g in match.groups()[1:] if g is not None), "")
            found += _split(match.group(1), [value])
    return found


def keys_written_in_the_repository() -> set[tuple[str, str]]:
    tracked = (
        subprocess.run(  # noqa: S603
            ["git", "ls-files", "-z"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    found = set()
    for path in filter(None, tracked):
        try:
            text = (ROOT / path).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary (.mo, images), or deleted in the working tree
        found.update(keys_written_in(path, text))
    return found


SAMPLE_PY = """
SECRET_KEY = "a-literal"
settings.IDENTITY_HMAC_KEY = "attr" + "-" * 2
os.environ["SECRET_KEY"] = 'subscript'
os.environ.setdefault("IDENTITY_HMAC_KEY", "set-default")
env.str("SECRET_KEY", default="env-default")
override_settings(FIELD_ENCRYPTION_KEYS=["listed-1", "listed-2"])
data = {"SECRET_KEY": "in-a-dict"}
FIELD_ENCRYPTION_KEYS = "new-one,old-one"
SECRET_KEY = secrets.token_urlsafe(50)  # built at run time
IDENTITY_HMAC_KEY = env.str("IDENTITY_HMAC_KEY", default="")
OTHER_KEY = "not one of the three"
"""
SAMPLE_TEXT = """
SECRET_KEY=bare-word
export IDENTITY_HMAC_KEY="double-quoted" FIELD_ENCRYPTION_KEYS='single-quoted'
SECRET_KEY = "spaced"
os.environ.setdefault("IDENTITY_HMAC_KEY", "in-a-doc")
SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(60))')"
SECRET_KEY=
DEVELOPMENT_SECRET_KEY=not-the-setting
The `SECRET_KEY`: described in prose.
"""


def test_the_key_scanner_finds_every_form_of_assignment():
    assert sorted(keys_written_in("sample.py", SAMPLE_PY)) == sorted(
        [
            ("SECRET_KEY", "a-literal"),
            ("IDENTITY_HMAC_KEY", "attr--"),
            ("SECRET_KEY", "subscript"),
            ("IDENTITY_HMAC_KEY", "set-default"),
            ("SECRET_KEY", "env-default"),
            ("FIELD_ENCRYPTION_KEYS", "listed-1"),
            ("FIELD_ENCRYPTION_KEYS", "listed-2"),
            ("SECRET_KEY", "in-a-dict"),
            ("FIELD_ENCRYPTION_KEYS", "new-one"),
            ("FIELD_ENCRYPTION_KEYS", "old-one"),
        ]
    )
    assert sorted(keys_written_in(".env.sample", SAMPLE_TEXT)) == sorted(
        [
            ("SECRET_KEY", "bare-word"),
            ("IDENTITY_HMAC_KEY", "double-quoted"),
            ("FIELD_ENCRYPTION_KEYS", "single-quoted"),
            ("SECRET_KEY", "spaced"),
            ("IDENTITY_HMAC_KEY", "in-a-doc"),
        ]
    )


REFUSAL_PROBE = """
import importlib, json, os, sys
from django.core.exceptions import ImproperlyConfigured
base = dict(os.environ)
results = []
for name, value in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(base)
    if name:
        os.environ[name] = value
    for module in ("avhopp.settings_production", "avhopp.settings"):
        sys.modules.pop(module, None)
    try:
        importlib.import_module("avhopp.settings_production")
    except ImproperlyConfigured:
        results.append(True)
    else:
        results.append(False)
print(json.dumps(results))
"""


def test_every_key_written_in_the_repository_is_refused_by_production():
    found = sorted(keys_written_in_the_repository())
    assert found, "the scan found no key at all: is it reading the repository?"
    # The first entry changes nothing: the throwaway keys themselves are accepted.
    cases = [[None, None], *([name, value] for name, value in found)]
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", REFUSAL_PROBE],
        cwd=ROOT,
        env=production_env(),
        input=json.dumps(cases),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    refused = json.loads(result.stdout.strip().splitlines()[-1])
    assert refused[0] is False, "production refuses even fresh keys"
    accepted = [
        name for (name, _), ok in zip(found, refused[1:], strict=True) if not ok
    ]
    assert accepted == [], (
        "keys written in the repository that production accepts, for "
        + ", ".join(accepted)
        + ": add them to avhopp/published_keys.py"
    )
