"""Reading TMX from elsewhere: validation rules, inline markup, old versions, hostile files, bad files."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from align.errors import VienalignError
from align.tmx_read import language_code_problem, open_tmx, segment_text, tmx_info, validate
from tests.tmx_consumers import dtd_errors

GOOD = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="vi" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="vi"><seg>Một.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu>
</body>
</tmx>
"""
HEADER_LINE, UNIT_LINE = 3, 5


def edit(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


VALIDATION_CASES = [
    # (name, TMX text, level, words in the message, line)
    ("header attribute missing", edit(' o-tmf="t" adminlang="en"', ""), "fatal",
     "required attributes o-tmf, adminlang", HEADER_LINE),
    ("no srclang", edit(' srclang="vi"', ""), "fatal", "required attribute srclang", HEADER_LINE),
    ("bad segtype", edit('segtype="sentence"', 'segtype="word"'), "error", "segtype='word'", HEADER_LINE),
    ("bad header date", edit('datatype="plaintext"', 'datatype="plaintext" creationdate="2026-11-25"'),
     "error", "not a date", HEADER_LINE),
    ("impossible date", edit("<tu>", '<tu creationdate="20261341T250000Z">'), "error", "not a date", UNIT_LINE),
    ("underscore code", edit('xml:lang="vi"', 'xml:lang="vi_VN"'), "error", "(vi-VN)", UNIT_LINE),
    ("three-letter code", edit('xml:lang="en"', 'xml:lang="eng"'), "error", "ISO 639-1 code 'en'", UNIT_LINE),
    ("bad srclang", edit('srclang="vi"', 'srclang="vie"'), "error", "ISO 639-1 code 'vi'", HEADER_LINE),
    ("empty segment", edit("<seg>One.</seg>", "<seg> </seg>"), "error", "empty segment (en)", UNIT_LINE),
    ("prop after tuv", edit("</tuv><tuv", '</tuv><prop type="x">v</prop><tuv'), "error",
     "<prop> after <tuv>", UNIT_LINE),
    ("prop without type", edit("<tu>", "<tu><prop>v</prop>"), "error", "required attribute type", UNIT_LINE),
    ("markup in prop", edit("<tu>", '<tu><prop type="x">a<b/></prop>'), "error", "holds text only", UNIT_LINE),
    ("two segs", edit("<seg>One.</seg>", "<seg>One.</seg><seg>Two.</seg>"), "error", "2 <seg>", UNIT_LINE),
    ("no seg", edit("<seg>One.</seg>", ""), "error", "0 <seg>", UNIT_LINE),
    ("no language", edit(' xml:lang="en"', ""), "error", "without xml:lang", UNIT_LINE),
    ("unknown inline", edit("<seg>One.</seg>", "<seg>One <b>x</b>.</seg>"), "error",
     "<b> is not allowed inside <seg>", UNIT_LINE),
    ("bpt without i", edit("<seg>One.</seg>", "<seg><bpt>{</bpt>One.</seg>"), "error",
     "required attribute i", UNIT_LINE),
    ("bad it pos", edit("<seg>One.</seg>", '<seg><it pos="middle">{</it>One.</seg>'), "error",
     "pos is begin or end", UNIT_LINE),
    ("unit without tuv", edit(GOOD.splitlines()[UNIT_LINE - 1], "<tu></tu>"), "error", "without <tuv>", UNIT_LINE),
    ("element in body", edit("<tu>", "<x/><tu>"), "error", "<x> is not allowed inside <body>", UNIT_LINE),
    ("one language", edit('<tuv xml:lang="en"><seg>One.</seg></tuv>', ""), "warning", "single language",
     UNIT_LINE),
    ("no source language", edit('xml:lang="vi"', 'xml:lang="fr"'), "warning", "no <tuv> in the source",
     UNIT_LINE),
    ("unknown version", edit('version="1.4"', 'version="2.0"'), "error", "not TMX 1.1", 2),
    ("old lang in 1.4", edit('xml:lang="en"', 'lang="en"'), "error", "requires xml:lang", UNIT_LINE),
    ("wrong root", GOOD.replace("tmx", "xliff"), "fatal", "root element is <xliff>, not <tmx>", 2),
    ("body first", edit('<header creationtool', '<body/><header creationtool'), "fatal",
     "<body> before any <header>", HEADER_LINE),
    ("truncated", GOOD[: GOOD.index("</tu>")], "fatal", "not well-formed XML", UNIT_LINE),
    ("not XML", "Một\tOne\n", "fatal", "not well-formed XML", 1),
    ("empty file", "", "fatal", "not well-formed XML", 1),
]


def test_a_good_file_has_no_problems(tmp_path):
    path = tmp_path / "good.tmx"
    path.write_text(GOOD, encoding="utf-8")
    assert validate(path) == []


@pytest.mark.parametrize("name, text, level, words, line", VALIDATION_CASES, ids=[c[0] for c in VALIDATION_CASES])
def test_validation_finds_the_problem_and_its_line(tmp_path, name, text, level, words, line):
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    problems = validate(path)
    assert len(problems) == 1, problems
    assert (problems[0].level, problems[0].line) == (level, line)
    assert words in problems[0].message


@pytest.mark.parametrize("code, ok", [
    ("vi", True), ("en-US", True), ("zh-Hant-TW", True), ("es-419", True), ("de-CH-1996", True),
    ("haw", True),  # three letters, no ISO 639-1 code
    ("en-x-private", True),
    ("vi_VN", False), ("vie", False), ("fre", False), ("english", False), ("e", False), ("vi-", False),
])
def test_language_codes(code, ok):
    assert (language_code_problem(code) is None) == ok


INLINE_CASES = [
    # (seg XML, text under the policy: keep <hi> text, drop native code, keep the text around it)
    ("<seg>plain</seg>", "plain"),
    ('<seg>a <hi type="b">bold</hi> word</seg>', "a bold word"),
    ('<seg>a <bpt i="1">&lt;b&gt;</bpt>bold<ept i="1">&lt;/b&gt;</ept> word</seg>', "a bold word"),
    ('<seg>line<ph>&lt;br/&gt;</ph>break</seg>', "linebreak"),
    ('<seg>x <it pos="begin">{\\i</it>y</seg>', "x y"),
    ("<seg>old <ut>{\\b}</ut>code</seg>", "old code"),
    ('<seg>see <ph>&lt;img alt="<sub>caption</sub>"&gt;</ph> here</seg>', "see  here"),
    ('<seg><hi>nested <ph>#</ph>hi</hi>!</seg>', "nested hi!"),
    ("<seg>a<!-- comment -->b<?pi x?>c</seg>", "abc"),
]


@pytest.mark.parametrize("xml, text", INLINE_CASES)
def test_inline_markup_policy(xml, text):
    assert segment_text(etree.fromstring(xml)) == text


TMX_11 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
<header creationtool="Old" creationtoolversion="1" segtype="sentence" o-tmf="ABC" adminlang="EN-US"
 srclang="EN-US" datatype="rtf"/>
<body>
<tu tuid="1"><prop type="x-score">0.7</prop>
<tuv lang="EN-US"><seg>The <bpt i="1">{\\b </bpt>caf\xe9<ept i="1">}</ept> opens.</seg></tuv>
<tuv lang="FR-FR"><seg>Le caf\xe9 ouvre.</seg></tuv>
</tu>
</body>
</tmx>
"""


def test_reads_tmx_11_with_old_lang_attributes(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_bytes(TMX_11.encode("latin-1"))
    header, units = open_tmx(path)
    assert (header.version, header.srclang) == ("1.1", "EN-US")
    [unit] = list(units)
    assert unit.text("en") == "The café opens."
    assert unit.text("fr-FR") == "Le café ouvre."
    assert unit.text("fr-CA") is None
    assert unit.score == 0.7
    assert validate(path) == []


def test_info_counts_units_and_languages(tmp_path):
    path = tmp_path / "old.tmx"
    path.write_bytes(TMX_11.encode("latin-1"))
    info = tmx_info(path)
    assert (info.units, info.languages, info.version, info.srclang) == (1, {"EN-US": 1, "FR-FR": 1}, "1.1", "EN-US")
    assert info.bytes == len(TMX_11)
    assert "units            1" in info.table()


def test_streams_many_units_in_order(tmp_path):
    units = "".join(f'<tu><tuv xml:lang="vi"><seg>{k}</seg></tuv><tuv xml:lang="en"><seg>{k}</seg></tuv></tu>\n'
                    for k in range(500))
    path = tmp_path / "many.tmx"
    path.write_text(GOOD.replace(GOOD.splitlines()[UNIT_LINE - 1], units), encoding="utf-8")
    _, stream = open_tmx(path)
    assert [(unit.text("vi"), unit.line) for unit in stream] == [(str(k), UNIT_LINE + k) for k in range(500)]


# --- hostile files -------------------------------------------------------------------------------------

def billion_laughs() -> str:
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{k} "{("&lol%d;" % (k - 1)) * 10}">' for k in range(1, 10)
    ]
    return GOOD.replace('<tmx version="1.4">', "<!DOCTYPE tmx [\n" + "\n".join(levels) + '\n]>\n<tmx version="1.4">')\
        .replace("<seg>Một.</seg>", "<seg>&lol9;</seg>")


def test_billion_laughs_is_harmless(tmp_path, run_cli):
    path = tmp_path / "lol.tmx"
    path.write_text(billion_laughs(), encoding="utf-8")
    for command in ("info", "validate", "to-tsv"):
        started = time.monotonic()
        done = run_cli("tmx", command, path)
        assert time.monotonic() - started < 30
        assert b"lollol" not in done.stdout + done.stderr  # never expanded
        if done.returncode != 0:  # libxml2 >= 2.11 refuses the file outright
            lines = done.stderr.decode().splitlines()
            assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in lines[0]


def external_entity_files(secret) -> dict[str, str]:
    """TMX files that would put ``secret``'s contents into a segment if entities or DTDs were loaded."""
    dtd = secret.with_name("evil.dtd")
    dtd.write_text(f'<!ENTITY leak SYSTEM "{secret.as_uri()}">', encoding="utf-8")
    return {
        "external entity": GOOD.replace('<tmx version="1.4">', f'<!DOCTYPE tmx [<!ENTITY leak SYSTEM '
                                        f'"{secret.as_uri()}">]>\n<tmx version="1.4">'),
        "external DTD": GOOD.replace('<tmx version="1.4">', f'<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">\n'
                                    '<tmx version="1.4">'),
        "parameter entity": GOOD.replace('<tmx version="1.4">', f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM '
                                         f'"{dtd.as_uri()}"> %p;]>\n<tmx version="1.4">'),
        "network DTD": GOOD.replace('<tmx version="1.4">', '<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx.dtd">\n'
                                    '<tmx version="1.4">'),
    }


@pytest.mark.parametrize("kind", ["external entity", "external DTD", "parameter entity", "network DTD"])
def test_external_entities_never_reach_the_output(tmp_path, run_cli, secret, kind):
    path = tmp_path / "evil.tmx"
    path.write_text(external_entity_files(secret)[kind].replace("<seg>One.</seg>", "<seg>One &leak;.</seg>"),
                    encoding="utf-8")
    out = tmp_path / "out.tsv"
    started = time.monotonic()
    converted = run_cli("tmx", "to-tsv", path, "-o", out)
    checked = run_cli("tmx", "validate", path)
    assert time.monotonic() - started < 30
    for done in (converted, checked):
        assert b"TOPSECRET" not in done.stdout + done.stderr
    if converted.returncode == 0:
        assert "TOPSECRET" not in out.read_text(encoding="utf-8")
        assert out.read_text(encoding="utf-8") == "Một.\tOne &leak;.\t\t\t\n"  # left unexpanded
    else:
        assert converted.returncode == 2 and len(converted.stderr.splitlines()) == 1
    assert checked.returncode == 2  # the unexpanded entity (or the undefined one) is reported


# --- bad files on the command line ----------------------------------------------------------------------

BAD_FILES = {
    "not XML": ("this is not XML\n", "not well-formed XML", 1),
    "wrong root": (GOOD.replace("tmx", "xliff"), "root element is <xliff>", 2),
    "header attributes missing": (edit(' creationtool="t" creationtoolversion="1"', ""),
                                  "without required attributes creationtool, creationtoolversion", HEADER_LINE),
    "truncated": (GOOD[: GOOD.index("</body>")], "not well-formed XML", 6),
}


@pytest.mark.parametrize("command", ["info", "validate", "to-tsv", "filter"])
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_tmx_gives_one_line_naming_problem_and_line(tmp_path, run_cli, kind, command):
    text, words, line = BAD_FILES[kind]
    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    extra = {"filter": ["--min-score", "0.5", "-o", tmp_path / "out.tmx"]}.get(command, [])
    done = run_cli("tmx", command, path, *extra)
    assert done.returncode == 2
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert f"{path}:{line}:" in lines[0] and words in lines[0]
    assert not (tmp_path / "out.tmx").exists()


def test_reader_raises_the_project_error(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_text(BAD_FILES["truncated"][0], encoding="utf-8")
    _, units = open_tmx(path)
    with pytest.raises(VienalignError, match=r"bad\.tmx:6: not well-formed XML"):
        list(units)


def test_every_truncation_is_one_fatal_problem(tmp_path):
    whole = GOOD.encode("utf-8")
    path = tmp_path / "cut.tmx"
    for end in range(len(whole.rstrip()) - len(b"</tmx>") + 1):  # up to a file without its closing tag
        path.write_bytes(whole[:end])
        problems = validate(path)
        assert [p.level for p in problems] == ["fatal"], (whole[:end], problems)
        with pytest.raises(VienalignError, match=rf"cut\.tmx:{problems[0].line}: "):
            list(open_tmx(path)[1])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, len(GOOD.encode("utf-8"))), st.integers(0, 8), st.binary(max_size=8)),
                      min_size=1, max_size=4))
def test_any_damaged_file_is_a_list_of_problems_or_the_project_error(tmp_path, edits):
    """Splice random bytes into a good file: validation lists problems (never raises), and reading
    either works or raises VienalignError naming a line, never anything else."""
    data = GOOD.encode("utf-8")
    for at, cut, insert in edits:
        data = data[:at] + insert + data[at + cut:]
    path = tmp_path / "damaged.tmx"
    path.write_bytes(data)
    problems = validate(path)
    assert all(p.level in ("fatal", "error", "warning") for p in problems)
    assert sum(p.level == "fatal" for p in problems) <= 1
    try:
        _, units = open_tmx(path)
        list(units)
    except VienalignError as err:
        assert "damaged.tmx:" in str(err) and "\n" not in str(err)
        assert any(p.level == "fatal" for p in problems)
    else:
        assert not any(p.level == "fatal" for p in problems)


def test_validate_exits_zero_with_warnings_only(tmp_path, run_cli):
    path = tmp_path / "one-language.tmx"
    path.write_text(edit('<tuv xml:lang="en"><seg>One.</seg></tuv>', ""), encoding="utf-8")
    done = run_cli("tmx", "validate", path)
    assert done.returncode == 0
    assert done.stderr.decode().splitlines() == [
        f"{path}:{UNIT_LINE}: warning: <tu> with a single language: it translates nothing"]
    assert "valid (0 errors, 1 warnings)" in done.stdout.decode()


# --- the DTD's rules -------------------------------------------------------------------------------

HEADER_OPEN = GOOD.splitlines()[HEADER_LINE - 1][:-2] + ">"  # the header as a start tag


def with_header_content(content: str) -> str:
    return edit(GOOD.splitlines()[HEADER_LINE - 1], f"{HEADER_OPEN}{content}</header>")


# Hand-made files the TMX 1.4 DTD rejects, one broken rule each: the validator must reject every one.
DTD_BROKEN = {
    "undeclared attribute on tu": edit("<tu>", '<tu id="1">'),
    "undeclared attribute on tuv": edit('<tuv xml:lang="vi">', '<tuv xml:lang="vi" id="v1">'),
    "undeclared attribute on seg": edit("<seg>Một.</seg>", '<seg type="x">Một.</seg>'),
    "undeclared attribute on header": edit('datatype="plaintext"', 'datatype="plaintext" author="me"'),
    "undeclared attribute on tmx": edit('<tmx version="1.4">', '<tmx version="1.4" lang="vi">'),
    "undeclared attribute on body": edit("<body>", '<body class="x">'),
    "namespaced attribute": edit("<seg>Một.</seg>", '<seg xml:space="preserve">Một.</seg>'),
    "undeclared attribute on prop": edit("<tu>", '<tu><prop type="x" name="y">v</prop>'),
    "undeclared attribute on bpt": edit("<seg>One.</seg>", '<seg><bpt i="1" pos="begin">{</bpt>One.</seg>'),
    "ude without name": with_header_content('<ude><map unicode="#xE000" subst="?"/></ude>'),
    "map without unicode": with_header_content('<ude name="x"><map subst="?"/></ude>'),
    "ude without map": with_header_content('<ude name="x"></ude>'),
    "map with content": with_header_content('<ude name="x"><map unicode="#xE000">x</map></ude>'),
    "undeclared attribute on map": with_header_content('<ude name="x"><map unicode="#xE000" glyph="a"/></ude>'),
    "tu in header": with_header_content('<tu><tuv xml:lang="vi"><seg>x</seg></tuv></tu>'),
    "text in header": with_header_content("stray text"),
    "text in body": edit("<body>\n", "<body>\nstray text\n"),
    "text in tu": edit("<tu>", "<tu>stray"),
    "text in tuv": edit('<tuv xml:lang="en">', '<tuv xml:lang="en">stray'),
    "text between units": edit("</tu>\n", "</tu>stray\n"),
    "sub directly in seg": edit("<seg>One.</seg>", "<seg>One<sub>x</sub>.</seg>"),
    "sub in hi": edit("<seg>One.</seg>", "<seg><hi>One<sub>x</sub></hi>.</seg>"),
    "hi in ph": edit("<seg>One.</seg>", "<seg>One<ph><hi>x</hi></ph>.</seg>"),
    "ept without i": edit("<seg>One.</seg>", "<seg>One<ept>}</ept>.</seg>"),
    "it without pos": edit("<seg>One.</seg>", "<seg>One<it>{</it>.</seg>"),
    "it with a bad pos": edit("<seg>One.</seg>", '<seg>One<it pos="middle">{</it>.</seg>'),
    "version other than 1.4": edit('version="1.4"', 'version="2.0"'),
    "bad segtype on tu": edit("<tu>", '<tu segtype="word">'),
    "prop after tuv": edit("</tuv><tuv", '</tuv><prop type="x">v</prop><tuv'),
    "element in prop": edit("<tu>", '<tu><prop type="x">a<b/></prop>'),
    "tu without tuv": edit(GOOD.splitlines()[UNIT_LINE - 1], "<tu></tu>"),
    "tuv without seg": edit("<seg>One.</seg>", ""),
    "no body": edit("<body>\n" + GOOD.splitlines()[UNIT_LINE - 1] + "\n</body>\n", ""),
}
# Files the DTD accepts: the validator must find no error in them either.
DTD_VALID = {
    "header with ude, note and prop": with_header_content(
        '<note>n</note><ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="Apple_logo" '
        'subst="[Apple]"/></ude><prop type="x-domain">policy</prop>'),
    "unit with every declared attribute": edit("<tu>", '<tu tuid="1" o-encoding="utf-8" datatype="plaintext" '
                                           'usagecount="2" lastusagedate="20240101T000000Z" creationtool="t" '
                                           'creationtoolversion="1" creationdate="20240101T000000Z" creationid="me" '
                                           'changedate="20240101T000000Z" segtype="sentence" changeid="me" '
                                           'o-tmf="t" srclang="vi">'),
    "inline markup nested as allowed": edit("<seg>One.</seg>", '<seg><bpt i="1" x="1" type="bold">{<sub type="x">'
                                            'a</sub>}</bpt>One<ept i="1">}</ept> <hi x="2" type="t">b <ph x="3" '
                                            'assoc="p">#</ph></hi><it pos="end">]</it><ut x="4">u</ut>.</seg>'),
    "notes and props on a variant": edit('<tuv xml:lang="en">', '<tuv xml:lang="en"><note xml:lang="en">n</note>'
                                         '<prop type="x" xml:lang="en" o-encoding="utf-8">v</prop>'),
}


@pytest.mark.parametrize("name", list(DTD_BROKEN))
def test_validate_rejects_what_the_dtd_rejects(tmp_path, tmx_dtd, name):
    path = tmp_path / "broken.tmx"
    path.write_text(DTD_BROKEN[name], encoding="utf-8")
    assert any(p.level in ("error", "fatal") for p in validate(path)), name
    if tmx_dtd is not None:  # the case is honest: the DTD rejects the file too
        assert dtd_errors(path, tmx_dtd), f"the DTD accepts the {name!r} case"


@pytest.mark.parametrize("name", list(DTD_VALID))
def test_validate_accepts_what_the_dtd_accepts(tmp_path, tmx_dtd, name):
    path = tmp_path / "valid.tmx"
    path.write_text(DTD_VALID[name], encoding="utf-8")
    assert dtd_errors(path, tmx_dtd) == []
    assert [p for p in validate(path) if p.level != "warning"] == []
