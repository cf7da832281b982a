"""Eval-format questions on policy documents become training cases of the three kinds CMRC gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cmrc import ANSWERABLE, NEAR_MISS, OFF_TOPIC
from bot.policy_cases import policy_batches, policy_contexts, policy_documents, policy_set_batches
from tests.conftest import SEEDS
from ingest.errors import ConfigError

ESSAY = "加强干部队伍建设\n\n\u3000\u3000一是强化教育培训。定期组织干部参加业务培训和技术交流。\n\u3000\u3000二是深化体制改革。营造公平公正的竞争环境。\n"


def _files(tmp_path: Path, rows: list[dict]) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "essay.txt").write_text(ESSAY, encoding="utf-8")
    questions = tmp_path / "set.jsonl"
    questions.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return docs, questions


def test_each_answerable_question_is_also_asked_without_its_sentence(tmp_path: Path) -> None:
    docs, questions = _files(tmp_path, [
        {"q": "干部培训的形式有哪些？", "gold": "定期组织干部参加业务培训和技术交流", "kind": "paraphrase"},
        {"q": "要营造怎样的竞争环境？", "gold": "公平公正的竞争环境", "kind": "direct"},
        {"q": "上海到杭州的高铁要多久？", "gold": None, "kind": "out_of_scope"},
        {"q": "第三段讲了什么？", "all": [["教育培训"]]},
    ])
    contexts = policy_contexts(policy_documents(docs))
    assert [c.title for c in contexts] == ["加强干部队伍建设"]
    batches = policy_batches(contexts, [questions])
    kinds = [b.kind for b in batches]
    assert kinds == [ANSWERABLE, NEAR_MISS, NEAR_MISS, OFF_TOPIC]
    assert [c.question for c in batches[0].cases] == ["干部培训的形式有哪些？", "要营造怎样的竞争环境？"]
    first_miss = batches[1].contexts[0].context
    assert "业务培训和技术交流" not in first_miss
    assert "一是强化教育培训。" in first_miss and "营造公平公正的竞争环境。" in first_miss  # only the answering sentence goes
    assert first_miss.count("\n") == contexts[0].context.count("\n")  # paragraphs keep their breaks
    assert batches[1].cases[0].answers == ("定期组织干部参加业务培训和技术交流",)
    assert [c.question for c in batches[3].cases] == ["上海到杭州的高铁要多久？"]  # the study question is not a fact case


def test_a_near_miss_removes_the_answer_from_every_document_that_holds_it(tmp_path: Path) -> None:
    docs, questions = _files(tmp_path, [{"q": "要营造怎样的竞争环境？", "gold": "公平公正的竞争环境", "kind": "direct"}])
    (docs / "other.txt").write_text("另一篇\n\n\u3000\u3000各地都要营造公平公正的竞争环境。其他内容不变。\n", encoding="utf-8")
    near = policy_batches(policy_contexts(policy_documents(docs)), [questions])[1]
    assert near.kind == NEAR_MISS
    assert all("公平公正" not in c.context for c in near.contexts)
    assert any("其他内容不变" in c.context for c in near.contexts)


def test_policy_documents_are_read_as_ingest_reads_them() -> None:
    """The seed essay's scraped attribution line is metadata to ingest, so it is no text to train on."""
    (essay,) = policy_contexts(policy_documents(SEEDS))
    assert essay.title == "浅谈质量强国与质监干部队伍建设"
    assert "不懈奋斗" in essay.context
    assert "http" not in essay.context and "由互联网用户分享整理" not in essay.context


def test_a_gold_span_no_document_holds_is_named(tmp_path: Path) -> None:
    docs, questions = _files(tmp_path, [{"q": "文章提到了什么？", "gold": "文中没有的句子", "kind": "direct"}])
    with pytest.raises(ConfigError, match="none of the policy documents"):
        policy_batches(policy_contexts(policy_documents(docs)), [questions])


def test_collected_questions_keep_their_weights_through_a_save(tmp_path: Path) -> None:
    """Saved candidates keep each question's weight (one where an older file has none)."""
    import numpy as np

    from bot.answer_features import CANDIDATE_FEATURES, QUESTION_FEATURES
    from bot.train_answer_model import Collected

    def one(kind: str, rows: int) -> Collected:
        collected = Collected(space="e5")
        collected.add(kind, np.ones((rows, len(CANDIDATE_FEATURES))), np.zeros(rows), np.ones((rows, len(QUESTION_FEATURES))))
        return collected

    both = one(ANSWERABLE, 2) + one(NEAR_MISS, 3).weighted(4.0)
    both.save(tmp_path / "both.npz")
    loaded = Collected.load(tmp_path / "both.npz")
    assert loaded.kinds == [ANSWERABLE, NEAR_MISS] and loaded.weights == [1.0, 4.0]
    assert [len(r) for r in loaded.rows] == [2, 3]
    with pytest.raises(ValueError, match="two embedding spaces"):
        one(ANSWERABLE, 1) + Collected(space="other")


def test_candidates_saved_before_question_features_were_added_still_load(tmp_path: Path) -> None:
    """A save made before the ranker's columns joined QUESTION_FEATURES loads with them empty (NaN, as collecting leaves
    them until a ranker fills them), so a refit can reuse it instead of asking CMRC again for half an hour."""
    import numpy as np

    from bot.answer_features import CANDIDATE_FEATURES, QUESTION_FEATURES
    from bot.train_answer_model import Collected

    older = len(QUESTION_FEATURES) - 2
    np.savez_compressed(
        tmp_path / "old.npz", kinds=np.array([ANSWERABLE]), sizes=np.array([2]), rows=np.ones((2, len(CANDIDATE_FEATURES))),
        labels=np.zeros(2), question_rows=np.ones((2, older)), space=np.array("e5"),
    )
    loaded = Collected.load(tmp_path / "old.npz")
    assert loaded.question_rows[0].shape == (2, len(QUESTION_FEATURES))
    assert np.isnan(loaded.question_rows[0][:, older:]).all() and (loaded.question_rows[0][:, :older] == 1).all()


def test_the_model_record_names_files_without_machine_paths() -> None:
    from bot.settings import PROJECT_ROOT
    from bot.train_answer_model import _shown

    assert _shown(PROJECT_ROOT / "seeds" / "essay.txt") == "seeds/essay.txt"
    assert _shown(PROJECT_ROOT.parent / "beside" / "set.jsonl") == "../beside/set.jsonl"  # a path string only: nothing beside the clone is read


def test_policy_documents_sharing_a_file_name_are_refused(tmp_path: Path) -> None:
    """As ingest refuses them: the record and the knowledge base name a document by its file name."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "essay.txt").write_text(ESSAY, encoding="utf-8")
    with pytest.raises(ConfigError, match="share file names: essay.txt"):
        policy_documents(tmp_path)


def test_a_testers_folder_is_asked_of_its_own_documents_and_the_policy_documents(tmp_path: Path) -> None:
    """A tester's set (questions.jsonl beside the documents it asks of) trains on the knowledge base the tester used:
    the policy documents and the folder's, not another tester's."""
    docs, questions = _files(tmp_path, [{"q": "要营造怎样的竞争环境？", "gold": "公平公正的竞争环境", "kind": "direct"}])
    tester = tmp_path / "tester"
    tester.mkdir()
    (tester / "纪要.txt").write_text("局务会议纪要\n\n\u3000\u3000会议由王建国主持。会议研究了抽查计划。\n", encoding="utf-8")
    (tester / "questions.jsonl").write_text(json.dumps({"q": "会议由谁主持？", "gold": "王建国", "kind": "direct"}, ensure_ascii=False) + "\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "通知.txt").write_text("通知\n\n\u3000\u3000请各单位报送总结。\n", encoding="utf-8")
    (other / "questions.jsonl").write_text(json.dumps({"q": "报送什么？", "gold": "总结", "kind": "direct"}, ensure_ascii=False) + "\n", encoding="utf-8")
    batches = policy_set_batches(policy_contexts(policy_documents(docs)), [questions, tester, other])
    answerable = [b for b in batches if b.kind == ANSWERABLE]
    assert [[c.question for c in b.cases] for b in answerable] == [["要营造怎样的竞争环境？"], ["会议由谁主持？"], ["报送什么？"]]
    assert [sorted(c.title for c in b.contexts) for b in answerable] == [["加强干部队伍建设"], ["加强干部队伍建设", "局务会议纪要"], ["加强干部队伍建设", "通知"]]
    tester_miss = next(b for b in batches if b.kind == NEAR_MISS and b.cases[0].question == "会议由谁主持？")
    assert all("王建国" not in c.context for c in tester_miss.contexts) and any("抽查计划" in c.context for c in tester_miss.contexts)


def test_a_testers_document_named_as_a_policy_document_is_refused_before_training(tmp_path: Path) -> None:
    docs, _ = _files(tmp_path, [])
    tester = tmp_path / "tester"
    tester.mkdir()
    (tester / "essay.txt").write_text("另一篇\n\n\u3000\u3000内容。\n", encoding="utf-8")
    (tester / "questions.jsonl").write_text(json.dumps({"q": "讲了什么？", "gold": "内容", "kind": "direct"}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="named as policy documents: essay"):
        policy_set_batches(policy_contexts(policy_documents(docs)), [tester])
