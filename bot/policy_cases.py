"""Questions in the eval format (the seed sets, exported 👎 answers) as training cases on policy documents.

CMRC 2018 is encyclopedic text; the assistant's documents are policy prose with 一是/二是 lists and
abstract "how / why" questions. These cases bring that prose into training, in the three kinds CMRC
gives: answerable (every document present), near miss (the document without the sentences holding
the gold span, one knowledge base per question) and refusals (questions whose gold is null).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.cmrc import ANSWERABLE, NEAR_MISS, OFF_TOPIC, CmrcCase, CmrcContext, KnowledgeBaseCases, without_answer
from bot.evaluation import load_cases
from ingest.documents import source_name
from ingest.errors import ConfigError
from ingest.loaders import load_document
from ingest.pipeline import expand_paths, shared_names


def policy_documents(folder: Path) -> list[Path]:
    """The files `ingest` would take from `folder` (its subfolders too); two sharing a file name are refused,
    as ingest refuses them: a name identifies a document."""
    paths = expand_paths([folder])
    shared = sorted(shared_names(source_name(p.name) for p in paths))
    if shared:
        names = "、".join(shared)
        raise ConfigError(f"policy documents share file names: {', '.join(shared)}", f"训练文档中有重名文件：{names}，请改名后再试。")
    return paths


def policy_contexts(paths: list[Path]) -> list[CmrcContext]:
    """Each document as a context: its title and its paragraphs' text as ingest reads them (a scraped
    attribution line left out). Training writes contexts as plain text, so Markdown and Word headings
    reach the model as paragraphs, not as the sections the product would store."""
    contexts = []
    for path in paths:
        document = load_document(path)
        contexts.append(CmrcContext(source_name(path.name), document.title, "\n".join(document.paragraphs), ()))
    return contexts


QUESTIONS_FILE = "questions.jsonl"  # a tester's set: this file of questions and, beside it, the documents they ask of


def set_questions(entry: Path) -> Path:
    """The questions file of a policy set given as a file or as a tester's folder."""
    return entry / QUESTIONS_FILE if entry.is_dir() else entry


def set_documents(entry: Path) -> list[Path]:
    """A tester's folder's own documents (none for a file, asked of the policy documents alone); a folder holding
    none is refused, as ingest refuses one."""
    return policy_documents(entry) if entry.is_dir() else []


def policy_set_batches(contexts: list[CmrcContext], entries: list[Path]) -> list[KnowledgeBaseCases]:
    """policy_batches of every set: files asked of `contexts` together, each tester's folder of `contexts` and its
    own documents, in knowledge bases of their own (a tester wrote their questions about the documents beside them)."""
    files = [entry for entry in entries if not entry.is_dir()]
    batches = policy_batches(contexts, files) if files else []
    for folder in (entry for entry in entries if entry.is_dir()):
        own = policy_contexts(set_documents(folder))
        shared = sorted(shared_names([c.id for c in contexts] + [c.id for c in own]))
        if shared:  # ingest would refuse the two as one document, after minutes of training
            names = "、".join(shared)
            raise ConfigError(f"{folder} has documents named as policy documents: {', '.join(shared)}", f"{folder.name} 中有与训练文档重名的文件：{names}，请改名后再试。")
        batches += policy_batches(contexts + own, [set_questions(folder)])
    return batches


def policy_batches(contexts: list[CmrcContext], eval_files: list[Path]) -> list[KnowledgeBaseCases]:
    """The knowledge bases and questions of the eval files' single-answer cases (study cases, which
    need several groups, and exported answers without a span are left out)."""
    answerable: list[CmrcCase] = []
    refusals: list[CmrcCase] = []
    for path in eval_files:
        for case in load_cases(path):
            if case.all or case.needs_span:
                continue
            if case.gold is None:
                refusals.append(CmrcCase(case.question, (), OFF_TOPIC, ""))
                continue
            holder = next((c for c in contexts if case.gold in c.context), None)
            if holder is None:
                raise ConfigError(
                    f"{path}: the gold span of {case.question!r} is in none of the policy documents",
                    f"{path.name}：问题「{case.question}」的标准答案不在训练文档中。",
                )
            answerable.append(CmrcCase(case.question, (case.gold,), ANSWERABLE, holder.id))
    batches = [KnowledgeBaseCases(ANSWERABLE, tuple(contexts), tuple(answerable))] if answerable else []
    for case in answerable:
        reduced = tuple(replace(c, context=without_answer(c.context, case.answers)) for c in contexts)
        if any(a in c.context or a in c.title for a in case.answers for c in reduced):
            continue  # the span crosses a paragraph or sits in a title: no near miss can be made of it
        batches.append(KnowledgeBaseCases(NEAR_MISS, reduced, (replace(case, kind=NEAR_MISS),)))
    if refusals:
        batches.append(KnowledgeBaseCases(OFF_TOPIC, tuple(contexts), tuple(refusals)))
    return batches

