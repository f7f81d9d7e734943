import pytest

from models.config import settings
from models.errors import FormErrors, NotFound, ValidationError
from models.roster import organizations
from models.store.tables import Organization
from tests.helpers import member_data


def test_tree_and_derived_category(branch):
    org = organizations.get(branch.id)
    assert organizations.category_of(org).strive_title == "五个先锋"
    labels = [n.label for n in organizations.tree()]
    assert labels == ["先锋镇党委", "东风村党支部"]
    assert organizations.find("东风村党支部").id == branch.id
    assert organizations.find("中共东风村支部委员会").id == branch.id
    with pytest.raises(NotFound, match="找不到名为“西风村党支部”的组织，请检查全称或简"):
        organizations.find("西风村党支部")


@pytest.mark.parametrize("bad, field", [
    ({"name": ""}, "name"),
    ({"name": "中共先锋镇委员会"}, "name"),  # duplicate full name
    ({"level": "小组"}, "level"),
    ({"category": "外星"}, "category"),
    ({"supervision_phone": "打电话"}, "supervision_phone"),
    ({"notes": "x" * 2001}, "notes"),
])
def test_bad_org_input(branch, bad, field):
    data = organizations.as_form(organizations.get(branch.id))
    data.update(bad)
    with pytest.raises(FormErrors) as info:
        organizations.save(data, branch.id)
    assert field in info.value.errors


def test_no_cycles_and_no_children_under_a_branch(branch):
    top = organizations.get(branch.parent_id)
    data = organizations.as_form(top)
    data["parent_id"] = branch.id
    with pytest.raises(FormErrors) as info:
        organizations.save(data, top.id)
    assert "parent_id" in info.value.errors


def test_delete_only_when_empty(branch):
    from models.roster import members

    members.save(member_data(branch.id))
    with pytest.raises(ValidationError, match="该组织还有党员记录，不能删除；如组织撤并，请先把"):
        organizations.delete(branch.id)
    empty = organizations.save({"name": "中共空支部委员会", "parent_id": branch.parent_id})
    organizations.delete(empty.id)
    assert not Organization.select().where(Organization.id == empty.id).exists()


def test_settings_defaults_and_validation(db):
    assert settings.get("satisfaction_threshold") == 0.9
    settings.put({"satisfaction_threshold": "0.6", "committee_name": "中共城关镇委员会"})
    assert settings.get("satisfaction_threshold") == 0.6
    assert settings.get_all()["committee_name"] == "中共城关镇委员会"
    with pytest.raises(ValidationError, match="请填写 0 到 1 之间的比例，例如 0"):
        settings.put({"satisfaction_threshold": 5, "committee_name": "不应写入"})
    assert settings.get("committee_name") == "中共城关镇委员会"  # nothing half-written
    with pytest.raises(ValidationError, match="满意率计算方法只能是“（满意＋比较满意）÷有效票"):
        settings.put({"satisfaction_formula": "avg"})
