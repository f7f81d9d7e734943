"""Whatever is typed or pasted, a service either refuses it in words or stores it intact.

Arbitrary Unicode (controls, bidi overrides, zero-width, emoji, Extension B, lone
surrogates, huge strings), dates far out of range, negative and absurd tallies, floats, NaN,
booleans and None are thrown at every validator and service. Allowed outcomes: a
ValidationError (FormErrors) or NotFound with a message, and then not one row changed; or
success, and then what is read back from the file equals what the service returned.
Anything else — a TypeError, an OverflowError, a UnicodeEncodeError, a half-written save —
fails the test.
"""
from __future__ import annotations

import datetime as dt
import math
import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from models import fields
from models.campaign import pledges, reviews
from models.config import settings as app_settings
from models.dates import MAX_YEAR, MIN_YEAR, parse_date, parse_optional_date
from models.errors import NotFound, ValidationError
from models.roster import idcard, members, organizations
from models.store.db import database
from models.store.tables import ALL_MODELS, Member, Organization, PledgeItem, Review
from tests.helpers import make_id, member_data

EXAMPLES = int(os.environ.get("XIANFENG_EXAMPLES", "60"))  # raise it for a deeper search
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])

NASTY = [
    "\u202e", "\u202d", "\u2066", "\u200f", "\u200e", "\u200b", "\u200d", "\ufeff", "\x00", "\x1b",
    "\x7f", "\r\n", "\r", "\n", "\t", "\u3000", "\u2028", "\u2029", "\ud800", "\udfff", "\ue000",
    "𠮷", "𪚥", "\U0002A6DF", "\U0003134A", "👨‍👩‍👧", "🇨🇳", "é", "e\u0301", "Ｘ", "１２", "ｘ",
    "=1+1", "+86", "-", "@SUM(A1)", "<b>", "&amp;", "'; DROP TABLE member;--", "%s", "{0}", "\\",
    "王", "张三", "中共东风村支部委员会", "1985-07-01", "1985年7月", "13812345678",
]
pieces = st.one_of(st.characters(exclude_categories=()), st.sampled_from(NASTY))
short_text = st.lists(pieces, max_size=30).map("".join)
huge_text = st.builds(lambda s, n: s * n, st.lists(pieces, min_size=1, max_size=3).map("".join),
                      st.integers(200, 20000))
texts = st.one_of(short_text, short_text, huge_text, st.sampled_from(NASTY))
numbers = st.one_of(st.integers(-10**30, 10**30), st.integers(-5, 200), st.floats(allow_nan=True,
                    allow_infinity=True), st.booleans())
dates = st.one_of(st.dates(), st.datetimes(), st.integers(-10**7, 10**7), st.floats(),
                  st.text(alphabet="0123456789-./年月日号 \u3000１２", max_size=14), texts, st.none())
values = st.one_of(texts, numbers, dates, st.none())
# Record ids come from lists and combo boxes, never typed: stale or absurd, but integers.
db_ids = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.integers(-3, 50))


def snapshot() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in ALL_MODELS}


def attempt(func, *args, **kwargs):
    """Run a service; a refusal must carry a message and leave every table as it was."""
    before = snapshot()
    try:
        return func(*args, **kwargs)
    except (ValidationError, NotFound) as exc:
        assert str(exc).strip(), "a refusal without a message"
        assert not database.in_transaction()
        assert snapshot() == before, f"refused ({exc}) but rows changed"
        return None


def assert_clean(text: str) -> None:
    """What was stored can be shown and printed: no controls, bidi overrides or surrogates."""
    for ch in text:
        assert ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0), repr(text[:40])
        assert ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", repr(text[:40])
        assert not 0xD800 <= ord(ch) <= 0xDFFF, repr(text[:40])


def read_back(model, obj, names):
    fresh = model.get_by_id(obj.id)
    for name in names:
        stored, returned = getattr(fresh, name), getattr(obj, name)
        assert stored == returned, f"{name}: stored {stored!r:.60} but service returned {returned!r:.60}"
        if isinstance(stored, str):
            assert_clean(stored)
    return fresh


# --- parsers and field cleaners ---------------------------------------------------------

@SETTINGS
@given(values)
def test_date_parsers(value):
    for parse in (parse_date, parse_optional_date):
        try:
            d = parse(value, "出生日期", field="birth_date")
        except ValidationError as exc:
            assert exc.message and exc.field == "birth_date"
            continue
        assert d is None or (isinstance(d, dt.date) and MIN_YEAR <= d.year <= MAX_YEAR)


@SETTINGS
@given(st.one_of(values, st.builds(lambda d, s: f"410522{d:%Y%m%d}{s:03d}", st.dates(), st.integers(0, 999)),
                 st.builds(lambda t: make_id(t.strftime("%Y%m%d")), st.dates(dt.date(1900, 1, 1),
                                                                          dt.date(2020, 1, 1)))))
def test_idcard(value):
    try:
        card = idcard.parse_id(value, field="id_number")
    except ValidationError as exc:
        assert exc.message
        return
    assert len(card.number) == 18 and card.sex in ("男", "女")
    assert idcard.validate_id(card.number) == card.number  # stable once normalised
    assert "*" in idcard.mask_id(card.number)


@SETTINGS
@given(values, st.booleans())
def test_field_cleaners(value, multiline):
    for func, kwargs in ((fields.text, {"multiline": multiline, "max_len": 100}), (fields.name, {}),
                         (fields.phone, {}), (fields.mobile, {}), (fields.date, {}),
                         (fields.integer, {}), (fields.choice, {"options": ("出席", "请假")})):
        try:
            out = func(value, "栏目", "f", **kwargs)
        except ValidationError as exc:
            assert exc.message and exc.field == "f"
            continue
        if isinstance(out, str):
            assert_clean(out)
        if func is fields.integer:
            assert isinstance(out, int) and 0 <= out <= 100000


def _text_as_before(value, multiline: bool, max_len: int = 100) -> str:
    """fields.text without its fast path for printable values: the two must never differ."""
    s = "" if value is None else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = "".join(ch for ch in s if ch not in fields._ZERO_WIDTH)
    s = s.strip() if multiline else s.replace("\u3000", " ").strip()
    if not multiline and "\n" in s:
        raise ValidationError("line", "f")
    if next((ch for ch in s if fields._bad_char(ch, multiline)), None) is not None:
        raise ValidationError("control", "f")
    if len(s) > max_len:
        raise ValidationError("long", "f")
    return s


@SETTINGS
@given(values, st.booleans(), st.sampled_from([1, 2, 20, 100]))
@example(" 张三 ", False, 100)
@example("张三\u3000", False, 100)
@example("  ab  ", False, 2)
def test_field_text_fast_path_changes_nothing(value, multiline, max_len):
    try:
        expected: object = _text_as_before(value, multiline, max_len)
    except ValidationError:
        expected = ValidationError
    try:
        got: object = fields.text(value, "栏目", "f", multiline=multiline, max_len=max_len)
    except ValidationError:
        got = ValidationError
    assert got == expected


def _seed_files() -> dict[str, bytes]:
    """One small valid roster file of each kind the import reads, to be damaged at random."""
    import io
    import zipfile

    import openpyxl
    import xlwt

    rows = [["姓名", "公民身份证号", "性别", "出生日期"], ["张三", "110101198001010011", "男", "1980-01-01"],
            ["李四", 1.2e17, "女", 29221]]
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.active["E2"] = "=A2&B2"
    wb.active.merge_cells("C2:C3")
    xlsx = io.BytesIO()
    wb.save(xlsx)
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            sheet.write(r, c, v)
    xls = io.BytesIO()
    book.save(xls)
    from tests.models.exchange.test_roster_read import _NS, ods_cell

    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}><office:body>'
               '<office:spreadsheet><table:table table:name="名册">'
               + "".join(f"<table:table-row>{''.join(ods_cell(v) for v in row)}</table:table-row>" for row in rows)
               + "</table:table></office:spreadsheet></office:body></office:document-content>")
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    text = "\r\n".join(",".join(str(v) for v in row) for row in rows)
    return {".xlsx": xlsx.getvalue(), ".xls": xls.getvalue(), ".ods": ods.getvalue(),
            ".csv": text.encode("gb18030"), ".txt": text.replace(",", "\t").encode("utf-16")}


SEEDS = _seed_files()
damage = st.lists(st.tuples(st.sampled_from(["flip", "cut", "insert", "drop"]), st.floats(0, 1),
                            st.binary(min_size=1, max_size=8)), min_size=1, max_size=4)


def _damaged(data: bytes, steps) -> bytes:
    out = bytearray(data)
    for kind, where, junk in steps:
        at = min(int(where * len(out)), max(len(out) - 1, 0))
        if kind == "flip" and out:
            out[at] ^= junk[0] or 1
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = junk
        elif out:
            del out[at:at + len(junk)]
    return bytes(out)


@SETTINGS
@given(st.sampled_from(sorted(SEEDS)), damage)
def test_damaged_roster_files_end_with_a_message(tmp_path, suffix, steps):
    """A file cut short or with bytes changed anywhere is read or refused in words, never a traceback."""
    from models.exchange import roster_read

    path = tmp_path / f"名册{suffix}"
    path.write_bytes(_damaged(SEEDS[suffix], steps))
    try:
        data = roster_read.read_file(path)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    assert all(isinstance(r, tuple) for r in data.rows)


@SETTINGS
@given(st.sampled_from(sorted(SEEDS)), st.binary(max_size=3000))
@example(suffix=".xls", junk=b"PK\x03\x04")  # found once: a zip header and nothing behind it
def test_any_bytes_under_a_roster_name_end_with_a_message(tmp_path, suffix, junk):
    from models.exchange import roster_read

    path = tmp_path / f"名册{suffix}"
    path.write_bytes(junk)
    try:
        roster_read.read_file(path)
    except ValidationError as exc:
        assert str(exc).strip()


# --- services ---------------------------------------------------------------------------

ORG_TEXT = ("name", "short_name", "strive_theme", "carriers", "secretary", "contact_leader",
            "address", "supervision_phone", "notes", "level", "category")


@SETTINGS
@given(st.dictionaries(st.sampled_from(ORG_TEXT + ("is_demo_point",)), values, max_size=6),
       st.one_of(st.none(), db_ids))
def test_organizations_save(branch, data, parent):
    data = {"name": "中共某某支部委员会", "level": "党支部", **data}
    if parent is not None:
        data["parent_id"] = parent
    org = attempt(organizations.save, data)
    if org is not None:
        read_back(Organization, org, ORG_TEXT + ("parent_id", "is_demo_point"))
        attempt(organizations.save, dict(data, notes="再次保存"), org.id)  # edit it back


MEMBER_KEYS = ("name", "id_number", "sex", "ethnicity", "birth_date", "education", "kind", "join_date",
               "full_date", "job", "party_post", "mobile", "phone", "address", "party_status",
               "is_lost", "lost_date", "is_mobile", "mobile_destination", "notes", "org_id")


@SETTINGS
@given(st.dictionaries(st.sampled_from(MEMBER_KEYS[:-1]), values, max_size=6), db_ids, db_ids)
def test_members_save(branch, changes, org_id, member_id):
    data = {**member_data(branch.id, id_number=""), **changes}
    if org_id is not None and org_id % 3 == 0:  # ids come from a list: a stale one at worst
        data["org_id"] = org_id
    member = attempt(members.save, data)
    if member is not None:
        read_back(Member, member, [k for k in MEMBER_KEYS if k != "org_id"] + ["stroke_key"])
    attempt(members.save, data, member_id)  # an edit of a stale or absurd id


items = st.fixed_dictionaries({"content": texts, "deadline": dates, "standard": st.one_of(texts, st.just(""))})


@SETTINGS
@given(db_ids, numbers | texts | dates, st.lists(items, max_size=24), st.one_of(st.none(), db_ids))
def test_pledges_save_draft(branch, member_id, year, item_list, pledge_id):
    pledge = attempt(pledges.save_draft, branch.id, member_id, year, item_list, pledge_id)
    if pledge is not None:
        stored = pledges.items_of(pledge.id)
        assert len(stored) == len(item_list) >= 1
        for item in stored:
            read_back(PledgeItem, item, ("content", "deadline", "standard", "seq"))


@pytest.fixture
def approved_item(branch):
    m = members.save(member_data(branch.id, id_number=""))
    year = dt.date.today().year
    pledge = pledges.save_draft(branch.id, m.id, year, [{"content": "修路", "deadline": f"{year}-12-31"}])
    pledges.approve(pledge.id)
    return pledges.items_of(pledge.id)[0]


@SETTINGS
@given(values, values, values, st.one_of(st.none(), db_ids))
def test_pledges_record_fulfilment(approved_item, state, reason, progress, other_id):
    item_id = approved_item.id if other_id is None else other_id
    item = attempt(pledges.record_fulfilment, item_id, state, reason, progress)
    if item is not None:
        read_back(PledgeItem, item, ("state", "reason", "progress"))


@pytest.fixture
def roster(branch):
    return [members.save(member_data(branch.id, name=n, id_number="")).id for n in ("王一", "李二", "张三")]


tallies = st.one_of(st.integers(-10, 10), numbers, texts, st.none())
mass_entries = st.builds(
    reviews.MassCounts, item=st.one_of(st.integers(-2, 7), numbers, texts, st.none()),
    group=st.one_of(st.sampled_from(("党员", "群众")), texts, st.none()),
    satisfied=tallies, fairly=tallies, basic=tallies, unsatisfied=tallies,
    member_id=st.one_of(st.none(), db_ids))


@SETTINGS
@given(st.data())
def test_reviews_save(branch, roster, data):
    year = dt.date.today().year - 1
    who = st.one_of(st.sampled_from(roster), db_ids)
    review_input = reviews.ReviewInput(
        year=data.draw(st.one_of(st.just(year), numbers, texts)),
        quarter=data.draw(st.one_of(st.integers(1, 4), numbers, texts)),
        date=data.draw(st.one_of(st.just(dt.date(year, 2, 1)), dates)),
        texts=data.draw(st.dictionaries(st.sampled_from(sorted(reviews.REVIEW_TEXT_FIELDS)), texts, max_size=4)),
        mutual_voters=data.draw(tallies), mass_party_voters=data.draw(tallies),
        mass_public_voters=data.draw(tallies),
        attendance=data.draw(st.dictionaries(who, st.tuples(st.one_of(st.sampled_from(("出席", "请假", "缺席")),
                                                                       texts), texts), max_size=4)),
        mutual=data.draw(st.dictionaries(who, st.tuples(tallies, tallies, tallies, tallies), max_size=4)),
        mass=data.draw(st.lists(mass_entries, max_size=6)),
    )
    edit = data.draw(st.booleans())
    existing = Review.select().first()
    review = attempt(reviews.save, branch.id, review_input, existing.id if existing and edit else None)
    if review is not None:
        read_back(Review, review, ("year", "quarter", "date", "mutual_voters", "mass_party_voters",
                                   "mass_public_voters", *reviews.REVIEW_TEXT_FIELDS))
        loaded = reviews.load(review.id)
        assert len(loaded.attendance) == len(review_input.attendance)
        assert len(loaded.mutual) == len(review_input.mutual)
        assert len(loaded.mass) == len(review_input.mass)


# What a settings form can hand over: text, numbers, ticks; structured settings (remembered
# import layouts, font tables) are written by code, not typed, and are left out.
TYPED_SETTINGS = sorted(k for k, v in app_settings.DEFAULTS.items() if isinstance(v, str | int | float | bool))


@SETTINGS
@given(st.dictionaries(st.one_of(st.sampled_from(TYPED_SETTINGS), texts),
                       st.one_of(texts, numbers, st.none()), min_size=1, max_size=3))
@example({"clerk_name": "\ud800"})
@example({"committee_name": "中共\u202e镇委员会"})
@example({"clerk_name": "李\x00文书"})
def test_settings_put(db, changes):
    before = app_settings.get_all()
    try:
        app_settings.put(changes)
    except ValidationError as exc:
        assert exc.message
        assert app_settings.get_all() == before
        return
    after = app_settings.get_all()
    for key in changes:
        stored = after[key]
        if isinstance(app_settings.DEFAULTS[key], str):
            assert isinstance(stored, str)
            assert_clean(stored)
        if isinstance(stored, float):
            assert not math.isnan(stored)
